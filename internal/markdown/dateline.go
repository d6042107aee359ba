package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// The dateline opens the first paragraph of the story, the way wire copy does:
//
//	<p><span class="dateline">LAS CRUCES, N.M.</span> — The city council…</p>
//
// "First paragraph" means the first top-level one: not a figure, not inside a quote or list.
// A body with no such paragraph still shows its dateline, alone in a paragraph at the top.

// kindDateline is the node kind of the dateline (see kindQuoteFigure on why it is global).
var kindDateline = ast.NewNodeKind("Dateline")

type dateline struct {
	ast.BaseInline
	place string
	alone bool // no paragraph follows, so no dash either
}

func (n *dateline) Kind() ast.NodeKind { return kindDateline }

func (n *dateline) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Place": n.place}, nil)
}

// addDateline puts the dateline into the first top-level paragraph, or into a new paragraph
// at the top when there is none.
func addDateline(root ast.Node, place string) {
	if place == "" {
		return
	}
	if p := firstParagraph(root); p != nil && p.FirstChild() != nil {
		p.InsertBefore(p, p.FirstChild(), &dateline{place: place})
		return
	}
	p := ast.NewParagraph()
	p.AppendChild(p, &dateline{place: place, alone: true})
	if root.FirstChild() == nil {
		root.AppendChild(root, p)
	} else {
		root.InsertBefore(root, root.FirstChild(), p)
	}
}

// firstParagraph is the first paragraph directly under root, the one that carries the
// dateline and gives the summary.
func firstParagraph(root ast.Node) *ast.Paragraph {
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok {
			return p
		}
	}
	return nil
}

func (r *htmlRenderer) renderDateline(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		d := n.(*dateline)
		_, _ = w.WriteString(`<span class="dateline">` + escape(d.place) + "</span>")
		if !d.alone {
			_, _ = w.WriteString(" — ")
		}
	}
	return ast.WalkContinue, nil
}
