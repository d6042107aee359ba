package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A quote figure wraps a block quote with its attribution:
//
//	<figure class="quote"><blockquote>…</blockquote><figcaption>who said it</figcaption></figure>
//
// The attribution is the quote's last paragraph when its source starts with "— " or "-- ".
// A pull quote is marked by a first line "[!pullquote]" and gets class "pullquote", with or
// without an attribution. Each block quote, nested or not, is judged on its own.

// kindQuoteFigure is a goldmark node kind; goldmark registers kinds in a global table, so the
// kind is created once, at init, like goldmark's own.
var kindQuoteFigure = ast.NewNodeKind("QuoteFigure")

// quoteFigure holds a *ast.Blockquote and, optionally, a *caption.
type quoteFigure struct {
	ast.BaseBlock
	class string // "quote" or "pullquote"
}

func (n *quoteFigure) Kind() ast.NodeKind { return kindQuoteFigure }

func (n *quoteFigure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Class": n.class}, nil)
}

// pullquoteMarker is the first line that makes a block quote a pull quote (case-insensitive).
const pullquoteMarker = "[!pullquote]"

// The dashes that start an attribution paragraph in the source. "--" is matched as written,
// not as the en dash the typographer makes of it, because the check reads the source.
const (
	emDashSpace  = "— "
	hyphensSpace = "-- "
)

// dashLen is the length of the attribution dash and space that v starts with, or 0.
func dashLen(v []byte) int {
	for _, d := range []string{emDashSpace, hyphensSpace} {
		if bytes.HasPrefix(v, []byte(d)) {
			return len(d)
		}
	}
	return 0
}

// makeQuotes turns attributed quotes and pull quotes into quote figures.
func makeQuotes(root ast.Node, src []byte) {
	for _, q := range collect[*ast.Blockquote](root) {
		class := "quote"
		if dropPullquoteMarker(q, src) {
			class = "pullquote"
		}
		by := takeAttribution(q, src)
		if by == nil && class == "quote" {
			continue
		}
		fig := &quoteFigure{class: class}
		parent := q.Parent()
		parent.ReplaceChild(parent, q, fig)
		fig.AppendChild(fig, q)
		if by != nil {
			fig.AppendChild(fig, by)
		}
	}
}

// dropPullquoteMarker removes the marker line of a pull quote and reports whether q was one.
// A quote that holds nothing but the marker is left alone, marker visible, rather than
// rendered as an empty pull quote: the writer should see that the quote text is missing.
func dropPullquoteMarker(q *ast.Blockquote, src []byte) bool {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return false
	}
	first := p.Lines().At(0)
	if !bytes.EqualFold(bytes.TrimSpace(first.Value(src)), []byte(pullquoteMarker)) {
		return false
	}
	if p.Lines().Len() == 1 {
		if p.NextSibling() == nil {
			return false
		}
		q.RemoveChild(q, p)
		return true
	}
	// The marker's inline nodes (and its line break) all lie before the next line starts.
	for c := p.FirstChild(); c != nil && onLine(c, first); c = p.FirstChild() {
		p.RemoveChild(p, c)
	}
	lines := p.Lines().Sliced(1, p.Lines().Len())
	p.Lines().Clear()
	p.Lines().AppendAll(lines)
	return true
}

// onLine reports whether inline node c lies within line.
func onLine(c ast.Node, line text.Segment) bool {
	if t, ok := c.(*ast.Text); ok {
		return t.Segment.Stop <= line.Stop
	}
	return c.Pos() >= 0 && c.Pos() < line.Stop
}

// takeAttribution removes q's attribution paragraph and returns it as a caption, or returns
// nil. A quote whose only paragraph is the attribution keeps it: a figure with an empty
// quote says less than the plain quote did.
func takeAttribution(q *ast.Blockquote, src []byte) *caption {
	p, ok := q.LastChild().(*ast.Paragraph)
	if !ok || q.FirstChild() == ast.Node(p) {
		return nil
	}
	cut := attributionStart(p, src)
	if cut < 0 {
		return nil
	}
	q.RemoveChild(q, p)
	by := &caption{}
	for c := p.FirstChild(); c != nil; c = p.FirstChild() {
		by.AppendChild(by, c)
	}
	dropDash(by, cut)
	return by
}

// attributionStart returns where in src the words of an attribution paragraph begin,
// past its dash and the spaces after it, or -1 when p is not an attribution.
func attributionStart(p *ast.Paragraph, src []byte) int {
	if p.Lines().Len() == 0 {
		return -1
	}
	line := p.Lines().At(0)
	v := line.Value(src)
	lead := len(v) - len(util.TrimLeftSpace(v))
	n := dashLen(v[lead:])
	if n == 0 {
		return -1
	}
	rest := v[lead+n:]
	return line.Start + len(v) - len(util.TrimLeftSpace(rest))
}

// dropDash removes the inline nodes, or the parts of them, that lie before cut in the
// source: the dash and the space after it. The dash may be a node of its own, and the
// space another: "--" becomes a typographer String (an en dash), and the linkifier splits
// text at spaces, so "— AP" can arrive as "— " and "AP".
func dropDash(by *caption, cut int) {
	for first, c := true, by.FirstChild(); c != nil; first, c = false, by.FirstChild() {
		switch n := c.(type) {
		case *ast.String: // the typographer's dash has no segment; a later String is a quote mark
			if first {
				by.RemoveChild(by, n)
				continue
			}
		case *ast.Text:
			if n.Segment.Stop <= cut {
				by.RemoveChild(by, n)
				continue
			}
			if n.Segment.Start < cut {
				n.Segment = n.Segment.WithStart(cut)
			}
		}
		return
	}
}

// renderQuoteFigure writes the figure; its children write the quote and the caption.
func (r *htmlRenderer) renderQuoteFigure(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<figure class="` + n.(*quoteFigure).class + "\">\n")
	} else {
		_, _ = w.WriteString("</figure>\n")
	}
	return ast.WalkContinue, nil
}

// kindCaption is the node kind of an attribution.
var kindCaption = ast.NewNodeKind("QuoteCaption")

// caption is a quote's attribution: the inline nodes of the attribution paragraph, dash
// removed, so emphasis and links in it survive.
type caption struct {
	ast.BaseBlock
}

func (n *caption) Kind() ast.NodeKind { return kindCaption }

func (n *caption) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (r *htmlRenderer) renderCaption(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figcaption>")
	} else {
		_, _ = w.WriteString("</figcaption>\n")
	}
	return ast.WalkContinue, nil
}
