package markdown

import (
	"reflect"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxNesting bounds how deep block quotes and lists may nest. Ten thousand ">" would
// otherwise make ten thousand nested nodes, and every later pass (and the renderer) walks the
// tree recursively; a megabyte of ">" would exhaust memory. No article needs more than a
// handful of levels; past the cap the markers are plain text.
const maxNesting = 64

// shallow is a container block parser that declines to open past maxNesting.
type shallow struct {
	parser.BlockParser
}

// Open implements parser.BlockParser.
func (p shallow) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if depth(parent) >= maxNesting {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// depth counts n and its ancestors, stopping at maxNesting so that the check stays cheap on
// the deep trees it exists to prevent.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil && d < maxNesting; n = n.Parent() {
		d++
	}
	return d
}

// blockParsers is parser.DefaultBlockParsers with the block quote and list parsers wrapped in
// shallow. They are found by type rather than by position so that a goldmark update that
// reorders the list cannot wrap the wrong parser (wrapping a heading parser would hide its
// auto-id option).
func blockParsers() []util.PrioritizedValue {
	containers := map[reflect.Type]bool{
		reflect.TypeOf(parser.NewBlockquoteParser()): true,
		reflect.TypeOf(parser.NewListParser()):       true,
	}
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		if bp, ok := p.Value.(parser.BlockParser); ok && containers[reflect.TypeOf(bp)] {
			ps[i].Value = shallow{bp}
		}
	}
	return ps
}
