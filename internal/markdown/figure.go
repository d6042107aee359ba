package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// A paragraph that holds nothing but one image is a figure:
//
//	<figure><img …><figcaption>CAPTION <small class="credit">CREDIT</small></figcaption></figure>
//
// The image title is "CAPTION | CREDIT", split at the last "|" so that a caption may itself
// contain one; the credit is optional, and with no title there is no figcaption. The title
// becomes the caption, so the img inside a figure has no title attribute.

// kindFigure is the node kind of an image figure (see kindQuoteFigure on why it is global).
var kindFigure = ast.NewNodeKind("Figure")

// figure holds one *ast.Image. Caption and credit are plain text.
type figure struct {
	ast.BaseBlock
	caption, credit string
}

func (n *figure) Kind() ast.NodeKind { return kindFigure }

func (n *figure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Caption": n.caption, "Credit": n.credit}, nil)
}

// makeFigures turns every image-only paragraph into a figure. It runs after neutralise, so an
// image whose URL was refused is text by now and makes no figure.
func makeFigures(root ast.Node, src []byte) {
	for _, p := range collect[*ast.Paragraph](root) {
		img := loneImage(p, src)
		if img == nil {
			continue
		}
		fig := &figure{}
		fig.caption, fig.credit = splitTitle(plainBytes(img.Title))
		parent := p.Parent()
		parent.ReplaceChild(parent, p, fig)
		fig.AppendChild(fig, img)
	}
}

// loneImage returns the paragraph's only image when everything else in it is white space.
func loneImage(p *ast.Paragraph, src []byte) *ast.Image {
	var img *ast.Image
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			if img != nil {
				return nil
			}
			img = c
		case *ast.Text:
			if !util.IsBlank(c.Value(src)) {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}

// splitTitle splits "CAPTION | CREDIT" at the last "|".
func splitTitle(title string) (caption, credit string) {
	i := strings.LastIndexByte(title, '|')
	if i < 0 {
		return title, ""
	}
	return strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+1:])
}

func (r *htmlRenderer) renderFigure(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figure>")
		return ast.WalkContinue, nil
	}
	f := n.(*figure)
	if f.caption != "" || f.credit != "" {
		_, _ = w.WriteString("<figcaption>")
		_, _ = w.WriteString(escape(f.caption))
		if f.credit != "" {
			if f.caption != "" {
				_ = w.WriteByte(' ')
			}
			_, _ = w.WriteString(`<small class="credit">` + escape(f.credit) + "</small>")
		}
		_, _ = w.WriteString("</figcaption>")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkContinue, nil
}
