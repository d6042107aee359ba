package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// plainText is what a reader sees of the inline content under n, markup removed and
// whitespace collapsed: alt text, the summary, captions. It writes text the way goldmark's
// renderer does (backslash escapes and entities resolved, then HTML-escaped) and unescapes
// the result, so the text is exactly the rendered one. Raw HTML and footnote markers are not
// part of the text.
func plainText(n ast.Node, src []byte) string {
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, 256) // the default 4 KB is much more than a heading needs
	writeText(w, n, src)
	_ = w.Flush()
	return collapse(stdhtml.UnescapeString(buf.String()))
}

// writeText writes the text of n's descendants as HTML.
func writeText(w util.BufWriter, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				html.DefaultWriter.RawWrite(w, c.Value(src))
			} else {
				html.DefaultWriter.Write(w, c.Value(src))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				_ = w.WriteByte(' ')
			}
		case *ast.String:
			writeString(w, c)
		case *ast.AutoLink:
			html.DefaultWriter.RawWrite(w, c.Label(src))
		case *ast.RawHTML:
		default:
			writeText(w, c, src)
		}
	}
}

// writeString writes an ast.String as renderer/html does.
func writeString(w util.BufWriter, s *ast.String) {
	switch {
	case s.IsCode():
		_, _ = w.Write(s.Value)
	case s.IsRaw():
		html.DefaultWriter.RawWrite(w, s.Value)
	default:
		html.DefaultWriter.Write(w, s.Value)
	}
}

// plainBytes is plainText for a raw source value such as a link title.
func plainBytes(v []byte) string {
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, 256) // the default 4 KB is much more than a heading needs
	html.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return collapse(stdhtml.UnescapeString(buf.String()))
}

// collapse turns every run of white space into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// escape is util.EscapeHTML for strings, so that text this package writes is escaped exactly
// as goldmark escapes the rest of the page.
func escape(s string) string {
	return string(util.EscapeHTML([]byte(s)))
}
