package wxr

import (
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The tree step puts two elements of its own into the HTML, each rendered by markdown.go:
const (
	tagImage = "wxr-image" // an image that is a figure: attributes src, alt and caption (plain text)
	tagLine  = "wxr-line"  // a line of Markdown, written as it is: attribute md
)

// rewrite turns WordPress's markup in doc into what the converter should see. The steps run
// in this order because each relies on the one before: a figure's image is only alone once
// the link to its own file is gone, and a figure inside a gallery is one image before the
// gallery is laid out.
func rewrite(doc *html.Node) {
	for _, a := range elements(doc, atom.A) {
		unwrapMediaLink(a)
	}
	figures := elements(doc, atom.Figure)
	for i := len(figures) - 1; i >= 0; i-- { // innermost first
		figure(figures[i])
	}
	for _, m := range elements(doc, atom.Iframe, atom.Video, atom.Audio) {
		if u := mediaURL(m); u != "" {
			replace(m, linkLine(u))
		} else {
			remove(m)
		}
	}
	for _, q := range elements(doc, atom.Blockquote) {
		attribution(q)
	}
	for _, c := range elements(doc, atom.Td, atom.Th) {
		flattenCell(c)
	}
}

// unwrapMediaLink drops the link around an image when it leads to the image's own file or
// attachment page, which is what the classic editor and image block add by default: the
// image alone can then be a figure, and its link pointed at the old site anyway.
func unwrapMediaLink(a *html.Node) {
	var img *html.Node
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Img && img == nil:
			img = c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		default:
			return
		}
	}
	if img == nil || !mediaHref(attrOf(a, "href"), attrOf(img, "src")) {
		return
	}
	a.RemoveChild(img)
	replace(a, img)
}

// mediaHref reports whether href leads to an image file or a WordPress attachment page.
func mediaHref(href, src string) bool {
	if href == "" {
		return false
	}
	if href == src {
		return true
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	if u.Query().Get("attachment_id") != "" || strings.Contains(u.Path, "/attachment/") {
		return true
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp", ".tif", ".tiff", ".heic":
		return true
	}
	return false
}

// figure rewrites one figure: an embed or media figure becomes a link line, a figure with one
// image and nothing else a figure image, a gallery its images; any other figure (a table, a
// pull quote) keeps its content, and every caption left becomes a paragraph after it.
func figure(f *html.Node) {
	capNode := first(f, atom.Figcaption)
	caption := ""
	if capNode != nil {
		caption = plainText(capNode)
	}
	switch {
	case embedURL(f) != "":
		line := linkLine(embedURL(f))
		replace(f, line)
		if capNode != nil {
			remove(capNode)
			insertAfter(line, capNode)
			capNode.Data, capNode.DataAtom = "p", atom.P
		}
	case loneImage(f, capNode) != nil:
		img := loneImage(f, capNode)
		replace(f, element(tagImage, "src", attrOf(img, "src"), "alt", attrOf(img, "alt"), "caption", caption))
	case hasClass(f, "wp-block-gallery") && galleryImages(f):
		for _, img := range elements(f, 0) {
			if img.Data == tagImage && f.Parent != nil {
				remove(img)
				f.Parent.InsertBefore(img, f)
			}
		}
		fallthrough
	default:
		if hasClass(f, "wp-block-pullquote") {
			if q := first(f, atom.Blockquote); q != nil {
				q.InsertBefore(element(tagLine, "md", "[!pullquote]"), q.FirstChild)
			}
		}
		if capNode != nil {
			capNode.Data, capNode.DataAtom = "p", atom.P
		}
		if hasClass(f, "wp-block-gallery") && galleryImages(f) {
			if capNode != nil && f.Parent != nil {
				remove(capNode)
				f.Parent.InsertBefore(capNode, f)
			}
			remove(f)
		}
	}
}

// loneImage is the figure's image when it holds one with a source and, besides its caption,
// no text and no other media.
func loneImage(f, caption *html.Node) *html.Node {
	var img *html.Node
	for _, n := range descendants(f) {
		if n == caption || isInside(n, caption) {
			continue
		}
		switch {
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) != "":
			return nil
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.Img:
			if img != nil {
				return nil
			}
			img = n
		case n.DataAtom == atom.A || n.DataAtom == atom.Table || n.DataAtom == atom.Iframe ||
			n.DataAtom == atom.Video || n.DataAtom == atom.Audio || n.Data == tagImage:
			return nil
		}
	}
	if img == nil || strings.TrimSpace(attrOf(img, "src")) == "" {
		return nil
	}
	return img
}

// galleryImages reports whether every image of a gallery has become a figure image, so the
// gallery can be laid out as those images one after another.
func galleryImages(f *html.Node) bool {
	n := 0
	for _, d := range descendants(f) {
		switch {
		case d.DataAtom == atom.Img:
			return false
		case d.Data == tagImage:
			n++
		}
	}
	return n > 0
}

// embedURL is the URL an embed figure shows (block editor, or [embed] and auto-embed made
// into one), or the source of the video, audio or frame in a media figure, or "".
func embedURL(f *html.Node) string {
	if hasClassPrefix(f, "wp-block-embed") {
		for _, d := range descendants(f) {
			if hasClass(d, "wp-block-embed__wrapper") {
				if fields := strings.Fields(plainText(d)); len(fields) > 0 {
					return fields[0]
				}
			}
		}
	}
	if hasClassPrefix(f, "wp-block-embed") || hasClass(f, "wp-block-video") || hasClass(f, "wp-block-audio") {
		for _, m := range elements(f, atom.Iframe, atom.Video, atom.Audio) {
			if u := mediaURL(m); u != "" {
				return u
			}
		}
	}
	return ""
}

// mediaURL is the source of an iframe, video or audio element, or of its first <source>.
func mediaURL(m *html.Node) string {
	if u := strings.TrimSpace(attrOf(m, "src")); u != "" {
		return u
	}
	if s := first(m, atom.Source); s != nil {
		return strings.TrimSpace(attrOf(s, "src"))
	}
	return ""
}

// linkLine is the Markdown line for an embed: an autolink when the URL can be one, else a
// paragraph holding a link, for the converter to write.
func linkLine(u string) *html.Node {
	parsed, err := url.Parse(u)
	if err == nil && (parsed.Scheme == "http" || parsed.Scheme == "https") && parsed.Host != "" &&
		!strings.ContainsAny(u, " \t\r\n<>\\") {
		return element(tagLine, "md", "<"+u+">")
	}
	p := element("p")
	a := element("a", "href", u)
	a.AppendChild(&html.Node{Type: html.TextNode, Data: u})
	p.AppendChild(a)
	return p
}

// attribution turns the <cite> ending a quote block into the "— who" paragraph that
// dateline makes a quote's attribution.
func attribution(q *html.Node) {
	last := q.LastChild
	for last != nil && last.Type == html.TextNode && strings.TrimSpace(last.Data) == "" {
		last = last.PrevSibling
	}
	if last == nil || last.DataAtom != atom.Cite {
		return
	}
	if strings.TrimSpace(plainText(last)) == "" {
		q.RemoveChild(last)
		return
	}
	last.Data, last.DataAtom = "p", atom.P
	last.InsertBefore(&html.Node{Type: html.TextNode, Data: "— "}, last.FirstChild)
}

// flattenCell makes a table cell one line: a GFM table has no line breaks in a cell, and the
// table rule gives up on a table with one.
func flattenCell(c *html.Node) {
	for _, n := range descendants(c) {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Br:
			replace(n, &html.Node{Type: html.TextNode, Data: " "})
		case atom.P, atom.Div:
			if n.Parent == nil {
				continue
			}
			for n.FirstChild != nil {
				ch := n.FirstChild
				n.RemoveChild(ch)
				n.Parent.InsertBefore(ch, n)
			}
			replace(n, &html.Node{Type: html.TextNode, Data: " "})
		}
	}
}
