package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
)

// htmlRenderer renders this package's nodes and overrides goldmark's images and code
// (and, in safe mode, raw HTML). Its one piece of mutable state, the code renderer's
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
