// Package markdown turns an article body into HTML, a plain-text summary and the list of
// local files the body refers to.
//
// It is CommonMark with the GFM extensions, footnotes, smart typography, heading ids and
// chroma-highlighted code (CSS classes only; WriteCSS emits the light and dark sheets), plus
// the newsroom constructs, one file each: attributed quotes and pull quotes (quote.go),
// figures (figure.go), images with lazy loading and known sizes (image.go), and the dateline
// (dateline.go).
//
// A Converter owns one goldmark instance, built once in New and then only read, so any number
// of goroutines may call Convert at once. Everything that varies per article (heading ids, the
// dateline, image sizes) lives in the parser context or in the tree of that one call.
//
// Convert parses, then rewrites the tree in plain Go passes before rendering, in this order:
// neutralise dangerous URLs (so that a javascript: image never becomes a figure), shift
// heading levels, build quote figures, build image figures, record image sizes, hold back
// highlighting of huge code (code.go); then it reads the summary and the local references,
// and only then adds the dateline, which is not part of the summary.
//
// Local paths and the paths given to Document.ImageSize are destinations as the browser
// resolves them (entities, escapes and percent-encoding decoded), fragment and query dropped,
// so "my%20photo.jpg" names the file "my photo.jpg". They are relative to the article and
// may contain "..": whoever opens them checks that they stay inside the site.
//
// Safety does not depend on the [markdown] unsafe switch alone: raw HTML is escaped unless it
// is set, but links and images with script-capable URLs are removed in both modes, because
// Markdown link syntax is never the way to smuggle a script in on purpose. Container nesting
// is capped (nesting.go) so that hostile input cannot make the tree, and the recursive walks
// over it, unboundedly deep.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Options are the site-wide settings of a Converter.
type Options struct {
	Unsafe      bool     // [markdown] unsafe: pass raw HTML through; otherwise raw HTML is shown escaped, as text
	ReservedIDs []string // ids the page template uses (e.g. "main", "top"); headings never get these ids
}

// Converter turns Markdown into HTML. It is built once (one goldmark instance) and is safe for
// concurrent use by many goroutines.
type Converter struct {
	md       goldmark.Markdown
	reserved []string
	outputs  sync.Pool // of *output
}

// New builds the Converter for a site.
func New(opts Options) *Converter {
	c := &Converter{
		md:       newGoldmark(opts.Unsafe),
		reserved: append([]string(nil), opts.ReservedIDs...),
	}
	c.outputs.New = func() any {
		o := new(output)
		o.w = bufio.NewWriter(&o.buf)
		return o
	}
	return c
}

// Document is what Convert needs to know about one article besides its body.
type Document struct {
	Dateline  string                               // e.g. "LAS CRUCES, N.M."; "" for none
	ImageSize func(src string) (w, h int, ok bool) // size of a local image, nil when none known
}

// Result is one converted article body.
type Result struct {
	HTML    []byte
	Summary string   // the first top-level paragraph as plain text (not a figure, not inside a quote); "" if none
	Local   []string // relative local destinations referenced by images and links (link.IsLocal), deduped, sorted, without #fragment or ?query
}

// Convert renders one article body. The error is only ever a failure of the renderer; any
// input, however malformed, converts.
func (c *Converter) Convert(src []byte, doc Document) (Result, error) {
	pc := parser.NewContext(parser.WithIDs(newIDs(c.reserved)))
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	neutralise(root, src)
	shiftHeadings(root)
	makeQuotes(root, src)
	makeFigures(root, src)
	sizeImages(root, doc.ImageSize)
	limitHighlighting(root)
	res := Result{
		Summary: summary(root, src),
		Local:   localRefs(root),
	}
	addDateline(root, doc.Dateline)

	out := c.outputs.Get().(*output)
	defer c.outputs.Put(out)
	out.buf.Reset()
	out.buf.Grow(2 * len(src)) // a new one (the pool empties at each collection) grows once
	out.w.Reset(&out.buf)
	if err := c.md.Renderer().Render(out.w, src, root); err != nil {
		return Result{}, fmt.Errorf("markdown: render: %w", err)
	}
	res.HTML = bytes.Clone(out.buf.Bytes()) // one allocation of the right size
	return res, nil
}

// output is where Convert renders, reused: the buffer grows to the longest article a
// worker has seen, and goldmark takes the bufio.Writer as is instead of making one.
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// walk calls fn for every node under root, parents before children, and never lets fn
// change the walk: passes collect first and rewrite afterwards, because moving nodes during
// ast.Walk would skip or revisit siblings.
func walk(root ast.Node, fn func(n ast.Node)) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			fn(n)
		}
		return ast.WalkContinue, nil
	})
}

// collect returns every node of type T under root, in document order, for passes that
// rewrite the tree after walking it.
func collect[T ast.Node](root ast.Node) []T {
	var out []T
	walk(root, func(n ast.Node) {
		if t, ok := n.(T); ok {
			out = append(out, t)
		}
	})
	return out
}
