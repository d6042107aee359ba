package shortcode

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// figure is Hugo's figure shortcode, written the way dateline makes a figure: an image alone
// in its paragraph whose title is "CAPTION | CREDIT" (internal/markdown/figure.go). Hugo's
// title and caption make the caption ("Title: caption"), attr the credit; caption and credit
// are plain text there, so their Markdown is read down to text. The alt text defaults to the
// caption, as in Hugo. A link cannot wrap a figure, so a linked figure is a linked image with
// its caption as the paragraph after it; attrlink, class, width and the like are dropped.
type figure struct {
	src, alt, link, caption, credit string
}

func newFigure(named map[string]string, rd readers) (figure, bool) {
	f := figure{src: strings.TrimSpace(named["src"]), link: strings.TrimSpace(named["link"])}
	if f.src == "" {
		return f, false
	}
	title, caption := plain(named["title"], rd), plain(named["caption"], rd)
	f.caption = caption
	if title != "" && caption != "" {
		f.caption = title + ": " + caption
	} else if title != "" {
		f.caption = title
	}
	f.credit = plain(cmp.Or(named["attr"], named["attribution"]), rd)
	f.alt = collapse(named["alt"])
	if f.alt == "" {
		f.alt = f.caption
	}
	return f, true
}

// image is the Markdown image, its title read by dateline as caption and credit.
func (f figure) image() string {
	title := f.caption
	switch {
	case f.credit != "":
		title += " | " + f.credit
	case strings.Contains(title, "|"):
		title += " |" // the last "|" starts the credit: an empty one keeps the caption whole
	}
	s := "![" + escText(f.alt) + "](" + escDest(f.src)
	if title != "" {
		s += ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title) + `"`
	}
	return s + ")"
}

// inline is the figure inside a line of text: an image, linked if it had a link.
func (f figure) inline() string {
	if f.link == "" {
		return f.image()
	}
	return "[" + f.image() + "](" + escDest(f.link) + ")"
}

// block is the figure on a line of its own, in a paragraph of its own.
func (f figure) block(prefix string) string {
	caption := f.caption
	if f.credit != "" {
		caption = strings.TrimPrefix(caption+" — "+f.credit, " — ")
	}
	if f.link == "" || caption == "" {
		return f.inline()
	}
	return f.inline() + "\n" + strings.TrimRight(prefix, " \t") + "\n" + prefix + escLine(caption)
}

// figure writes a figure shortcode; on a line of its own it gets a paragraph of its own.
func (t *translator) figure(w *writer, tok *token) (int, bool) {
	f, ok := newFigure(tok.named, t.rd)
	if !ok || hasDelim(f.src+f.alt+f.link+f.caption+f.credit) {
		return 0, false
	}
	return t.ownParagraph(w, tok, f.inline(), f.block), true
}

// plain reads inline Markdown down to its text, on one line. It reads "x " + md, so that
// md cannot start a block ("1999. The flood" is no list) and then drops the "x".
func plain(md string, rd readers) string {
	md = collapse(md)
	if md == "" {
		return ""
	}
	src := []byte("x " + md)
	var b strings.Builder
	_ = ast.Walk(rd.plain.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.URL(src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return collapse(strings.TrimPrefix(b.String(), "x"))
}

// escDest percent-encodes what may not stand in a link destination as it is.
func escDest(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c <= ' ' || c == 0x7f || strings.IndexByte(`<>()\`, c) >= 0:
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// escLine escapes text so that it reads as text in a paragraph, not as Markdown.
func escLine(s string) string {
	s = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`).Replace(s)
	if s != "" && strings.IndexByte("#-+=|~", s[0]) >= 0 {
		s = `\` + s
	}
	return s
}
