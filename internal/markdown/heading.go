package markdown

import "github.com/yuin/goldmark/ast"

// shiftHeadings moves every heading of the body by one offset so that the smallest level used
// becomes h2: the page's headline is the only h1. A body written with # gets +1 (capped at
// h6, where levels that were distinct may merge); a body that starts at ### gets -1.
// Relative order between levels is otherwise kept.
func shiftHeadings(root ast.Node) {
	hs := collect[*ast.Heading](root)
	smallest := 7
	for _, h := range hs {
		smallest = min(smallest, h.Level)
	}
	offset := 2 - smallest
	for _, h := range hs {
		h.Level = max(1, min(6, h.Level+offset))
	}
}
