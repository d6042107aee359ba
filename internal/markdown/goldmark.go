package markdown

import (
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// lightStyle and darkStyle are the chroma styles of WriteCSS. Code HTML carries classes only,
// so the style named in the highlighter below never reaches the output.
const (
	lightStyle = "modus-operandi"
	darkStyle  = "modus-vivendi"
)

// typography writes the typographer's characters as themselves rather than as entities, so
// that the summary (plain text) and the HTML agree and neither needs entity decoding.
func typography() map[extension.TypographicPunctuation]string {
	return map[extension.TypographicPunctuation]string{
		extension.LeftSingleQuote:  "‘",
		extension.RightSingleQuote: "’",
		extension.LeftDoubleQuote:  "“",
		extension.RightDoubleQuote: "”",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
		extension.Apostrophe:       "’",
	}
}

// newGoldmark builds the one goldmark instance of a Converter.
func newGoldmark(unsafe bool) goldmark.Markdown {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(newHTMLRenderer(unsafe), 100)),
	}
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
		goldmark.WithExtensions(
			gfm{},
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography())),
		),
	)
}

// chromaOptions are shared by the highlighter and WriteCSS so that the classes in the HTML
// are the ones the stylesheet styles.
func chromaOptions() []chromahtml.Option {
	return []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.WithPreWrapper(preWrapper{})}
}

// newParser is goldmark's default parser with container nesting capped (nesting.go).
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}
