package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders this package's nodes and overrides goldmark's links, images and
// code (and, in safe mode, raw HTML). Its one piece of mutable state, the code renderer's
// lexers, is locked, so one instance serves concurrent Converts.
type htmlRenderer struct {
	unsafe bool
	table  tableFunc   // goldmark's table renderer, wrapped by renderTable
	writer html.Writer // writes text with escapes and entities resolved, as goldmark's renderer does
	code   *codeRenderer
}

func newHTMLRenderer(unsafe bool) *htmlRenderer {
	return &htmlRenderer{unsafe: unsafe, writer: html.DefaultWriter, table: gfmTable(), code: newCodeRenderer()}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(kindFigure, r.renderFigure)
	reg.Register(kindQuoteFigure, r.renderQuoteFigure)
	reg.Register(kindCaption, r.renderCaption)
	reg.Register(kindDateline, r.renderDateline)
	reg.Register(extast.KindTaskCheckBox, r.renderTaskCheckBox)
	reg.Register(extast.KindTable, r.renderTable)
	reg.Register(ast.KindCodeBlock, r.renderCodeBlock)
	reg.Register(ast.KindFencedCodeBlock, r.code.render)
	if !r.unsafe {
		reg.Register(ast.KindRawHTML, r.renderRawHTML)
		reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	}
}

// renderLink writes a link as goldmark does, without goldmark's check for a dangerous
// URL: neutralise has already unwrapped every link that fails link.Safe, a stricter test,
// and goldmark's made a lower-case copy of every URL for each of its prefixes (1.4M of
// the 27M allocations of a 10,000-article build).
func (r *htmlRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
