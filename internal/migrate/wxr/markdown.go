package wxr

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markdown converts the HTML of a post (content:encoded) into dateline Markdown. images are
// the destinations of its images as they are written in md, in order, each once; unknown
// are the shortcodes and dynamic blocks nothing translated ("[contact-form-7]",
// "<!-- wp:latest-posts /-->"), each once, which md keeps as comment lines editors see and
// readers do not.
func Markdown(src string) (md string, images, unknown []string, err error) {
	block := strings.Contains(src, "<!-- wp:")
	s, dynamic := stripComments(src)
	s, codes := shortcodes(s)
	if !block {
		s = autop(s)
	}
	doc, err := nethtml.Parse(strings.NewReader(s))
	if err != nil {
		return "", nil, nil, err
	}
	rewrite(doc)
	images = imagesOf(doc)
	out, err := newConverter().ConvertNode(doc)
	if err != nil {
		return "", nil, nil, err
	}
	out = bytes.TrimSpace(out)
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return string(out), images, once(append(dynamic, codes...)), nil
}

// newConverter is html-to-markdown with CommonMark, GFM tables and strikethrough, and the
// renderers of this package's images and lines.
func newConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(base.NewBasePlugin(), commonmark.NewCommonmarkPlugin(),
		table.NewTablePlugin(), strikethrough.NewStrikethroughPlugin()))
	conv.Register.RendererFor("img", converter.TagTypeInline, renderImg, converter.PriorityEarly)
	conv.Register.RendererFor(tagImage, converter.TagTypeBlock, renderFigure, converter.PriorityEarly)
	conv.Register.RendererFor(tagLine, converter.TagTypeBlock, renderLine, converter.PriorityEarly)
	return conv
}

// renderImg writes an image with its destination exactly as imagesOf reports it.
func renderImg(_ converter.Context, w converter.Writer, n *nethtml.Node) converter.RenderStatus {
	src := strings.TrimSpace(attrOf(n, "src"))
	if destination(src) == "" {
		return converter.RenderSuccess
	}
	w.WriteString(image(attrOf(n, "alt"), src, attrOf(n, "title")))
	return converter.RenderSuccess
}

// renderFigure writes a figure image as a paragraph of its own, which dateline makes a
// figure with the title as its caption.
func renderFigure(_ converter.Context, w converter.Writer, n *nethtml.Node) converter.RenderStatus {
	if src := attrOf(n, "src"); destination(src) != "" {
		w.WriteString("\n\n" + image(attrOf(n, "alt"), src, attrOf(n, "caption")) + "\n\n")
	}
	return converter.RenderSuccess
}

// renderLine writes a line of Markdown as it is, as a block.
func renderLine(_ converter.Context, w converter.Writer, n *nethtml.Node) converter.RenderStatus {
	w.WriteString("\n\n" + attrOf(n, "md") + "\n\n")
	return converter.RenderSuccess
}

// image is the Markdown of one image.
func image(alt, src, title string) string {
	alt = strings.Join(strings.Fields(alt), " ")
	alt = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(alt)
	md := "![" + alt + "](" + destination(src)
	if title = strings.Join(strings.Fields(title), " "); title != "" {
		md += ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title) + `"`
	}
	return md + ")"
}

// destination is src as a link destination: spaces, parentheses and angle brackets, which
// would end one, are %-encoded, and control characters, which no URL holds, dropped.
func destination(src string) string {
	src = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(src))
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(src)
}

// imagesOf lists the destinations of the document's images, in order, each once.
func imagesOf(doc *nethtml.Node) []string {
	var out []string
	for _, n := range elements(doc, 0) {
		if n.DataAtom == atom.Img || n.Data == tagImage {
			if dest := destination(attrOf(n, "src")); dest != "" {
				out = append(out, dest)
			}
		}
	}
	return once(out)
}

// once keeps the first of each string, in order.
func once(list []string) []string {
	seen := map[string]bool{}
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// note is the HTML of a comment line, for the converter to write as it is: what WordPress
// showed there, which nothing here translates.
func note(format string, args ...any) string {
	text := strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " ")
	text = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(text)
	return `<` + tagLine + ` md="` + html.EscapeString("[//]: # (dateline: "+text+")") + `"></` + tagLine + `>`
}
