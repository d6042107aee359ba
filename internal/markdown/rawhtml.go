package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Unless [markdown] unsafe is set, raw HTML is shown as the text the writer typed, escaped,
// instead of goldmark's invisible "raw HTML omitted" comment: a reader (or an editor
// previewing) sees that something was there, and nothing of it can run. With unsafe set these
// renderers are not registered and goldmark passes the HTML through.

// renderRawHTML writes inline raw HTML (a tag, comment, …) as escaped text.
func (r *htmlRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			r.writer.RawWrite(w, seg.Value(src))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock writes a raw HTML block as a paragraph of escaped text, its line breaks
// kept in the source of the page.
func (r *htmlRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var text []byte
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		text = append(text, line.Value(src)...)
	}
	if n.HasClosure() {
		text = append(text, n.ClosureLine.Value(src)...)
	}
	_, _ = w.WriteString("<p>")
	r.writer.RawWrite(w, util.TrimRightSpace(text))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}
