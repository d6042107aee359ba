package shortcode

import (
	"bytes"
	"slices"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// readers are the two Markdown readings a body is checked against: dateline's (CommonMark with
// GFM and footnotes) and plain CommonMark.
type readers struct {
	gfm, plain parser.Parser
}

func newReaders() readers {
	return readers{
		gfm:   goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote)).Parser(),
		plain: goldmark.New().Parser(),
	}
}

// layout is the block structure goldmark reads in a body whose tokens are masked.
type layout struct {
	masked []byte
	code   []span // code blocks and code spans, in order
	segs   []seg  // the lines of every block that holds text, in order
	leaves []leaf
}

// seg is one line of a leaf block, as goldmark cut it: container markers and indentation before
// it, the newline after it.
type seg struct {
	start, end int
	leaf, line int // which leaf, which of its lines
}

// leaf is a block that holds text: a paragraph, heading, table cell, HTML block, ...
type leaf struct {
	paragraph bool   // a Paragraph or TextBlock: a token alone on a line may become a line of its own
	lines     int    // how many lines it has
	start     int    // offset of the start of its first line
	end       int    // offset after the newline that ends it (for a table cell: its table)
	ticks     int    // its longest run of backticks, once a code span is written in it; -1 before
	prefix    string // the container markers of its first line, as white space and '>'; a later line may be lazy or indented more
}

// analyse lexes src and reads its layout. Whether a token is in code depends on the layout and
// the layout on where the tokens are (a backtick in a quoted argument is no code span), so the
// two are read in turn until the code stays put, at most three times.
func analyse(src []byte, syn Syntax, rd readers, pairable func(*token) bool) ([]token, *layout) {
	lay := readLayout(rd.gfm, src)
	var toks []token
	for range 3 {
		toks = lex(src, lay.code, syn)
		next := readLayout(rd.gfm, mask(src, toks))
		settled := slices.Equal(next.code, lay.code)
		lay = next
		if settled {
			break
		}
	}
	pairUp(toks, pairable)
	return toks, lay
}

// mask overwrites each token so that goldmark reads it as the output will have it: x's on one
// line for what leaves text behind, spaces for what leaves nothing on a line of its own.
// Escapes and raw bodies stay, being written out as they are.
func mask(src []byte, toks []token) []byte {
	m := bytes.Clone(src)
	fill := func(from, to int, blank bool) {
		c := byte('x')
		if blank {
			c = ' '
		}
		for i := from; i < to; i++ {
			m[i] = c
		}
	}
	for _, t := range toks {
		switch t.kind {
		case kindEscape:
		case kindRaw:
			fill(t.start, t.body.start, alone(src, t.start, t.body.start))
			fill(t.body.end, t.end, alone(src, t.body.end, t.end))
		case kindComment:
			fill(t.start, t.end, alone(src, t.start, t.end))
		case kindIAL:
			fill(t.start, t.end, true)
		default:
			fill(t.start, t.end, isMarkup(&t) && alone(src, t.start, t.end))
		}
	}
	return m
}

// alone reports whether b[from:to] has only white space and '>' before it on its first line
// and only white space after it on its last.
func alone(b []byte, from, to int) bool {
	for i := from - 1; i >= 0 && b[i] != '\n'; i-- {
		if !isSpace(b[i]) && b[i] != '>' {
			return false
		}
	}
	for i := to; i < len(b) && b[i] != '\n'; i++ {
		if !isSpace(b[i]) {
			return false
		}
	}
	return true
}

func readLayout(p parser.Parser, masked []byte) *layout {
	l := &layout{masked: masked}
	doc := p.Parse(text.NewReader(masked))
	tables := map[ast.Node]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			l.addCode(n)
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			l.addCodeSpan(n)
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock {
			l.addLeaf(n, tables)
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(l.code, func(i, j int) bool { return l.code[i].start < l.code[j].start })
	sort.Slice(l.segs, func(i, j int) bool { return l.segs[i].start < l.segs[j].start })
	return l
}

// addCode records a code block from its opening fence (whose info string is code too) to its
// last line.
func (l *layout) addCode(n ast.Node) {
	lines := n.Lines()
	from, to := -1, -1
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		from, to = lineStart(l.masked, f.Info.Segment.Start), f.Info.Segment.Stop
	}
	if lines.Len() > 0 {
		first := lineStart(l.masked, lines.At(0).Start)
		if from < 0 {
			from = first
			if _, ok := n.(*ast.FencedCodeBlock); ok && first > 0 {
				from = lineStart(l.masked, first-1)
			}
		}
		to = lines.At(lines.Len() - 1).Stop
	}
	if from >= 0 && to > from {
		l.code = append(l.code, span{from, to})
	}
}

func (l *layout) addCodeSpan(n *ast.CodeSpan) {
	from, to := -1, -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			if from < 0 {
				from = t.Segment.Start
			}
			to = t.Segment.Stop
		}
	}
	if from >= 0 && to > from {
		l.code = append(l.code, span{from, to})
	}
}

// addLeaf records a block that holds lines of text.
func (l *layout) addLeaf(n ast.Node, tables map[ast.Node]int) {
	lines := segments(n)
	if len(lines) == 0 {
		return
	}
	idx := len(l.leaves)
	first, last := lines[0], lines[len(lines)-1]
	lf := leaf{lines: len(lines), start: lineStart(l.masked, first.Start), end: l.afterLine(last.Stop), ticks: -1, prefix: l.prefixOf(first.Start)}
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		lf.paragraph = true
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == extast.KindTable {
			lf.end, lf.prefix = l.tableEnd(p, tables)
		}
	}
	l.leaves = append(l.leaves, lf)
	for i, s := range lines {
		if s.Stop > s.Start {
			l.segs = append(l.segs, seg{start: s.Start, end: s.Stop, leaf: idx, line: i})
		}
	}
}

// segments returns a block's lines, an HTML block's closing line included.
func segments(n ast.Node) []text.Segment {
	var out []text.Segment
	for i := range n.Lines().Len() {
		out = append(out, n.Lines().At(i))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		out = append(out, h.ClosureLine)
	}
	return out
}

// tableEnd returns where a table ends and the prefix of its last row.
func (l *layout) tableEnd(table ast.Node, memo map[ast.Node]int) (int, string) {
	stop, ok := memo[table]
	if !ok {
		_ = ast.Walk(table, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Type() == ast.TypeBlock {
				for _, s := range segments(n) {
					stop = max(stop, s.Stop)
				}
			}
			return ast.WalkContinue, nil
		})
		memo[table] = stop
	}
	row := lineStart(l.masked, max(stop-1, 0))
	return l.afterLine(stop), l.prefixOf(lineEnd(l.masked, row))
}

// afterLine returns the offset after the newline ending the line that stop ends.
func (l *layout) afterLine(stop int) int {
	if stop > 0 && l.masked[stop-1] == '\n' {
		return stop
	}
	end := lineEnd(l.masked, stop)
	if end < len(l.masked) {
		end++
	}
	return end
}

// prefixOf returns the container markers before off on its line: white space and '>' as they
// are, list markers turned to spaces, up to the first character that is none of these.
func (l *layout) prefixOf(off int) string {
	var b []byte
	for _, c := range l.masked[lineStart(l.masked, off):off] {
		switch {
		case c == ' ' || c == '\t' || c == '>':
			b = append(b, c)
		case c == '-' || c == '*' || c == '+' || c == '.' || c == ')' || '0' <= c && c <= '9':
			b = append(b, ' ')
		default:
			return string(b)
		}
	}
	return string(b)
}

// at returns the leaf holding off and the index of its line there.
func (l *layout) at(off int) (*leaf, int, bool) {
	s, ok := l.segAt(off)
	if !ok {
		return nil, 0, false
	}
	return &l.leaves[s.leaf], s.line, true
}

func (l *layout) segAt(off int) (seg, bool) {
	k := sort.Search(len(l.segs), func(i int) bool { return l.segs[i].start > off }) - 1
	if k < 0 || off >= l.segs[k].end {
		return seg{}, false
	}
	return l.segs[k], true
}

// lineStart returns the offset of the start of the line holding off.
func lineStart(b []byte, off int) int {
	off = min(off, len(b))
	return bytes.LastIndexByte(b[:off], '\n') + 1
}

// pairUp matches each closing shortcode or tag with the nearest open one of its name before it.
func pairUp(toks []token, pairable func(*token) bool) {
	open := map[string][]int{}
	for i := range toks {
		t := &toks[i]
		if (t.kind != kindShortcode && t.kind != kindTag) || t.selfClosing {
			continue
		}
		key := "%" + t.name
		if t.hugo {
			key = "<" + t.name
		} else if t.closing {
			key = "%" + t.name[len("end"):]
		}
		if !t.closing {
			if pairable(t) {
				open[key] = append(open[key], i)
			}
			continue
		}
		if s := open[key]; len(s) > 0 {
			j := s[len(s)-1]
			open[key] = s[:len(s)-1]
			t.pair, toks[j].pair = j, i
		}
	}
}
