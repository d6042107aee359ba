package markdown

import (
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// maxHighlight is how many bytes of code one article may have highlighted. Chroma needs
// several seconds a megabyte, so a body of huge code fences would stall a build; past the
// budget, fences render as plain escaped <pre><code>, which looks the same without colour.
// Real articles stay far below it.
const maxHighlight = 128 << 10

// limitHighlighting marks the fences past the budget with goldmark-highlighting's "nohl"
// attribute, in document order, so the same body always gets the same colours.
func limitHighlighting(root ast.Node) {
	budget := maxHighlight
	walk(root, func(n ast.Node) {
		code, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return
		}
		size := 0
		for i := range code.Lines().Len() {
			line := code.Lines().At(i)
			size += line.Len()
		}
		if size > budget {
			code.SetAttributeString("nohl", true)
			return
		}
		budget -= size
	})
}

// wrapCode is the highlighter's wrapper renderer. Chroma writes its own <pre class="chroma">
// and ends it without a newline; the wrapper adds one so that every block ends in "\n" like
// goldmark's. Unhighlighted code gets goldmark's usual <pre><code class="language-…">.
func wrapCode(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	switch {
	case c.Highlighted() && !entering:
		_ = w.WriteByte('\n')
	case c.Highlighted():
	case entering:
		_, _ = w.WriteString(`<pre tabindex="0"><code`)
		if lang, ok := c.Language(); ok && len(lang) > 0 {
			_, _ = w.WriteString(` class="language-`)
			html.DefaultWriter.Write(w, lang)
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	default:
		_, _ = w.WriteString("</code></pre>\n")
	}
}
