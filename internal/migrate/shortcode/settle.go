package shortcode

import (
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// settle returns the output once every comment line in it is one Markdown reads as a link
// reference definition. The writer places them after blank lines in their blocks' containers,
// but a body can still defeat that (a lazy continuation line, a block the layout misread); a
// comment line that would show, as text or as code, is removed. Its Unknown still reports it.
func settle(w *writer, rd readers) []byte {
	out := w.buf
	if len(w.defs) == 0 {
		return out
	}
	shown := shownLines(rd.gfm, out)
	for k := len(w.defs) - 1; k >= 0; k-- {
		d := w.defs[k]
		if inSpans(shown, d.start) {
			out = append(out[:lineStart(out, d.start)], out[d.end+1:]...)
		}
	}
	return out
}

// shownLines returns the lines of every block that puts its text on the page, in order.
// A link reference definition is a block too, but shows nothing.
func shownLines(p parser.Parser, src []byte) []span {
	var lines []span
	_ = ast.Walk(p.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Type() == ast.TypeBlock && n.Kind() != ast.KindLinkReferenceDefinition {
			for _, s := range segments(n) {
				if s.Stop > s.Start {
					lines = append(lines, span{s.Start, s.Stop})
				}
			}
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(lines, func(i, j int) bool { return lines[i].end < lines[j].end })
	return lines
}
