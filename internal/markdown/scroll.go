package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Code blocks and tables can be wider than a phone, so the theme lets them scroll inside
// their own box. A box that scrolls must be reachable by keyboard, or keyboard users can
// never see its right-hand side, so each one is focusable:
//
//	<pre tabindex="0" class="chroma">…</pre>
//	<div class="table-scroll" tabindex="0"><table>…</table></div>

// preWrapper writes chroma's <pre> with tabindex, keeping its class attribute.
type preWrapper struct{}

func (preWrapper) Start(code bool, styleAttr string) string {
	if code {
		return fmt.Sprintf(`<pre tabindex="0"%s><code>`, styleAttr)
	}
	return fmt.Sprintf(`<pre tabindex="0"%s>`, styleAttr)
}

func (preWrapper) End(code bool) string {
	if code {
		return `</code></pre>`
	}
	return `</pre>`
}

// tableFunc is goldmark's own table renderer, which renderTable wraps.
type tableFunc = renderer.NodeRendererFunc

// gfmTable returns the NodeRendererFunc goldmark's table extension registers for tables.
func gfmTable() tableFunc {
	var fn tableFunc
	extension.NewTableHTMLRenderer().RegisterFuncs(registerFunc(func(k ast.NodeKind, f tableFunc) {
		if k == extast.KindTable {
			fn = f
		}
	}))
	return fn
}

// registerFunc adapts a func to renderer.NodeRendererFuncRegisterer.
type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (r *htmlRenderer) renderTable(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="table-scroll" tabindex="0">` + "\n")
	}
	status, err := r.table(w, src, n, entering)
	if !entering {
		_, _ = w.WriteString("</div>\n")
	}
	return status, err
}

// renderCodeBlock writes an indented code block as goldmark does, with the focusable <pre>.
func (r *htmlRenderer) renderCodeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<pre tabindex="0"><code>`)
		lines := n.Lines()
		for i := range lines.Len() {
			line := lines.At(i)
			r.writer.RawWrite(w, line.Value(src))
		}
	} else {
		_, _ = w.WriteString("</code></pre>\n")
	}
	return ast.WalkContinue, nil
}
