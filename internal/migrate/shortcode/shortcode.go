// Package shortcode translates the template syntax of bodies imported from Hugo and Jekyll
// into dateline Markdown: Hugo shortcodes ({{< name args >}}, {{% name %}}, pairs, and the
// {{</* x */>}} escapes) and Liquid ({% tag %}, {{ output | filter }}, raw and comment
// blocks, kramdown {: attribute lists}).
//
// A translation runs in three steps over one body.
//
//  1. Lex (lex.go, hugolex.go, liquidlex.go): every construct becomes a token with its
//     offsets, name and arguments. Every search for a closer is bounded by the paragraph it
//     starts in, so unclosed delimiters cost a line, not the body.
//  2. Lay out (layout.go): goldmark parses a copy of the body with each token masked as the
//     text it will leave (x's, or blanks for what vanishes). That gives what is code (tokens
//     there are left alone; lexing and layout are repeated until the code stays put) and, for
//     every line of text, its block and the container markers ("> ", list indentation) that
//     lines a translation adds must repeat.
//  3. Write (translate.go, writer.go): the body is copied with each token replaced by what it
//     means in Markdown (builtin.go, figure.go, code.go, output.go) or by a Custom template
//     (custom.go). A token with no translation is reported as an Unknown and kept for editors,
//     never readers, as a comment line, a link reference definition that renders nothing:
//     "[//]: # (dateline: unknown shortcode {{< notice >}})". Alone on a paragraph's line it
//     takes that line; inside text it is removed and its comment line waits for the end of
//     the block, so no paragraph, heading or table is broken. Last, settle.go re-reads the
//     output and removes any comment line Markdown would show after all.
//
// Output is a function of the body and Options alone: tokens are handled in body order and
// nothing ranges over a map into the output.
package shortcode

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
)

// Options say how to translate one body.
type Options struct {
	// Resolve turns the target of ref/relref (Hugo), link and post_url (Jekyll) into the URL path
	// of the imported article or file, e.g. "posts/2019/foo.md" or "2019-01-30-foo" → "/2019/01/30/foo/".
	// ok false: the target is unknown; it is reported (Unknown.Target) and written as it is.
	// A nil Resolve knows no target.
	Resolve func(target string) (url string, ok bool)

	// Custom maps a site-specific shortcode name to a Go text/template producing Markdown.
	// The template sees .Name, .Args (positional, []string), .Named (map[string]string), .Inner
	// (string, the translated body of a paired shortcode; for highlight, the body as written) and
	// a func `arg` (arg "name" 0 → named "name" or else positional 0, "" if neither).
	//
	// A key is matched against the Name an Unknown would have: a Hugo shortcode or Liquid tag
	// name ("notice", "include", "image"), or, for a Liquid output, its variable ("page.title")
	// or its first filter that is not a URL filter ("team_link"). For an output the template's
	// .Args are the value filtered (a string literal's text, or the variable as written) followed
	// by that filter's arguments. A Custom name wins over the built-in translation of that name,
	// except for the Liquid constructs raw and comment.
	Custom map[string]string

	// SiteURL is what site.url and site.baseurl stand for, and what {{ "/x" | url }},
	// relative_url and absolute_url put before their path. Empty means root-relative paths:
	// "{{ site.baseurl }}/a.png" → "/a.png".
	SiteURL string

	// Syntax says which template languages the body may contain; the zero value reads both.
	// Reading only Hugo leaves "{%" and "{{ … }}" alone, as Hugo did; reading only Liquid leaves
	// "{{<" to the Liquid reading (an unknown output).
	Syntax Syntax
}

// Syntax is a set of template languages a body is read for.
type Syntax uint8

const (
	Both   Syntax = iota // Hugo shortcodes and Liquid tags, outputs and kramdown attribute lists
	Hugo                 // {{< … >}}, {{% … %}} and their {{</* */>}} escapes
	Liquid               // {% … %}, {{ … }}, {% raw %} and kramdown {: …}
)

func (s Syntax) hugo() bool   { return s != Liquid }
func (s Syntax) liquid() bool { return s != Hugo }

// Unknown is a shortcode or tag left untranslated, or a reference whose target Resolve did not
// know (Target set; that one is translated, to its target as written).
type Unknown struct {
	Name   string // "notice", "/notice" (a closing tag with no opening one), "include", "page.title"; "" if unreadable
	Line   int    // 1-based line of the opening delimiter in src
	Text   string // the tag as written, white space runs made one space: `{{< notice warning >}}`
	Target string // a broken ref, relref, link or post_url: the target Resolve did not know
}

// Translate returns the body with every shortcode/tag it knows rewritten, and those it does not.
// err is only for a Custom template that does not parse; any body translates without one.
func Translate(src []byte, opts Options) (out []byte, unknown []Unknown, err error) {
	custom, err := compile(opts.Custom)
	if err != nil {
		return nil, nil, err
	}
	if bytes.IndexByte(src, '{') < 0 {
		return bytes.Clone(src), nil, nil
	}
	crlf := bytes.Count(src, []byte("\r\n")) == bytes.Count(src, []byte("\n"))
	if crlf {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	t := &translator{src: src, opts: &opts, custom: custom, rd: newReaders(), hoist: -1}
	t.toks, t.lay = analyse(src, opts.Syntax, t.rd, t.pairable)
	t.lines = lineStarts(src)
	w := &writer{}
	t.run(w, 0, len(t.toks), 0, len(src))
	w.flushAll()
	out = settle(w, t.rd)
	if crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	slices.SortStableFunc(t.found, func(a, b found) int { return cmp.Compare(a.off, b.off) })
	for _, f := range t.found {
		unknown = append(unknown, f.Unknown)
	}
	return out, unknown, nil
}

// translator holds what one Translate call knows about its body.
type translator struct {
	src    []byte
	opts   *Options
	custom *customs
	rd     readers // built per call: goldmark parsers are cheap next to a body's parse
	toks   []token
	lay    *layout
	lines  []int // offset of the start of each line of src
	found  []found

	// hoist, when not -1, is the anchor of the Custom paired shortcode whose body is being
	// translated: notes on unknowns inside go after the block holding it, never into the body,
	// because the template may put the body where a comment line would show.
	hoist       int
	hoistPrefix string
	hoisted     []note
}

type found struct {
	Unknown
	off int
}

// report records an unknown at the token's opening delimiter.
func (t *translator) report(tok *token, name, target string) {
	t.found = append(t.found, found{Unknown: Unknown{
		Name: name, Line: t.lineOf(tok.start), Text: collapse(string(t.src[tok.start:tok.end])), Target: target,
	}, off: tok.start})
}

func (t *translator) lineOf(off int) int {
	return sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off })
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
