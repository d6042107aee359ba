package markdown

import (
	"bytes"
	"strconv"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxHighlight is how many bytes of code one article may have highlighted. Chroma needs
// several seconds a megabyte, so a body of huge code fences would stall a build; past the
// budget, fences render as plain escaped <pre><code>, which looks the same without colour.
// Real articles stay far below it.
const maxHighlight = 128 << 10

// limitHighlighting marks the fences past the budget with the "nohl" attribute, in
// document order, so the same body always gets the same colours.
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

// codeRenderer renders fenced code. A fence that names a language chroma knows is
// highlighted with classes; anything else is a plain, escaped <pre><code>. Fences without
// line options share one formatter for the whole build (making one per block, with the
// stylesheet of the whole style, was most of the cost of a short block). The attributes
// after the language are those Hugo and goldmark-highlighting read: linenos (true, table,
// inline), linenostart, hl_lines and nohl; style is ignored because the theme owns the
// colours.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	registry  *chroma.LexerRegistry // untimed copies of chroma's lexers (lexer.go)

	mu      sync.Mutex
	lexers  map[string]chroma.Lexer // by language as written; nil when chroma has none
	buffers sync.Pool
}

// maxLexerNames bounds the languages remembered, so hostile input cannot grow the map.
const maxLexerNames = 512

func newCodeRenderer() *codeRenderer {
	r := &codeRenderer{
		formatter: chromahtml.New(chromaOptions()...),
		style:     styles.Get(lightStyle),
		registry:  newLexerRegistry(),
		lexers:    map[string]chroma.Lexer{},
	}
	r.buffers.New = func() any { return new(bytes.Buffer) }
	return r
}

// lexer returns the lexer for a language name, coalescing runs of one token type, or nil
// when chroma has none.
func (r *codeRenderer) lexer(lang []byte) chroma.Lexer {
	r.mu.Lock()
	defer r.mu.Unlock()
	if l, ok := r.lexers[string(lang)]; ok {
		return l
	}
	var l chroma.Lexer
	if found := r.registry.Get(string(lang)); found != nil {
		l = chroma.Coalesce(found)
	}
	if len(r.lexers) < maxLexerNames {
		r.lexers[string(lang)] = l
	}
	return l
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(src)
	buf := r.buffers.Get().(*bytes.Buffer)
	defer r.buffers.Put(buf)
	buf.Reset()
	lines := n.Lines()
	for i := range lines.Len() {
		line := lines.At(i)
		buf.Write(line.Value(src))
	}
	opts, nohl := fenceOptions(n, src)
	if lexer := r.lexer(lang); !nohl && len(lang) > 0 && lexer != nil {
		if tokens, err := lexer.Tokenise(nil, buf.String()); err == nil {
			f := r.formatter
			if len(opts) > 0 {
				f = chromahtml.New(append(chromaOptions(), opts...)...)
			}
			if err := f.Format(w, r.style, tokens); err != nil {
				return ast.WalkStop, err
			}
			return ast.WalkContinue, w.WriteByte('\n') // chroma ends its </pre> without one
		}
	}
	_, _ = w.WriteString(`<pre tabindex="0"><code`)
	if len(lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		html.DefaultWriter.Write(w, lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	html.DefaultWriter.RawWrite(w, buf.Bytes())
	_, err := w.WriteString("</code></pre>\n")
	return ast.WalkContinue, err
}

// fenceOptions reads a fence's attributes, set on the node or written after the language
// as in "```go {linenos=table, hl_lines=[2, "4-5"]}", into chroma's formatter options, and
// reports whether the fence asks not to be highlighted.
func fenceOptions(n *ast.FencedCodeBlock, src []byte) ([]chromahtml.Option, bool) {
	attrs := fenceAttributes(n, src)
	if len(attrs) == 0 {
		return nil, false
	}
	var opts []chromahtml.Option
	base := 1
	if v, ok := attrs["linenostart"].(float64); ok {
		base = int(v)
		opts = append(opts, chromahtml.BaseLineNumber(base))
	}
	if v, ok := attrs["hl_lines"].([]any); ok {
		opts = append(opts, chromahtml.HighlightLines(lineRanges(v, base)))
	}
	switch v := attrs["linenos"].(type) {
	case bool:
		opts = append(opts, chromahtml.WithLineNumbers(v))
	case []byte:
		opts = append(opts, chromahtml.WithLineNumbers(true))
		switch string(v) {
		case "table":
			opts = append(opts, chromahtml.LineNumbersInTable(true))
		case "inline":
			opts = append(opts, chromahtml.LineNumbersInTable(false))
		}
	}
	_, nohl := attrs["nohl"]
	return opts, nohl
}

// fenceAttributes returns the attributes of a fence by name: the node's own, else those
// of a {…} in its info string after the first character.
func fenceAttributes(n *ast.FencedCodeBlock, src []byte) map[string]any {
	attrs := map[string]any{}
	for _, a := range n.Attributes() {
		attrs[string(a.Name)] = a.Value
	}
	if len(attrs) == 0 && n.Info != nil {
		info := n.Info.Segment.Value(src)
		if i := bytes.IndexByte(info, '{'); i > 0 {
			list, _ := parser.ParseAttributes(text.NewReader(info[i:]))
			for _, a := range list {
				attrs[string(a.Name)] = a.Value
			}
		}
	}
	return attrs
}

// lineRanges turns hl_lines, numbers and "from-to" strings counted from the first line
// as 1, into chroma's ranges counted from linenostart.
func lineRanges(list []any, base int) [][2]int {
	var ranges [][2]int
	for _, item := range list {
		switch v := item.(type) {
		case float64:
			ranges = append(ranges, [2]int{int(v) + base - 1, int(v) + base - 1})
		case []byte:
			from, to, found := bytes.Cut(v, []byte("-"))
			lo, err := strconv.Atoi(string(from))
			if err != nil {
				continue
			}
			hi := lo
			if found {
				if hi, err = strconv.Atoi(string(to)); err != nil {
					continue
				}
			}
			ranges = append(ranges, [2]int{lo + base - 1, hi + base - 1})
		}
	}
	return ranges
}
