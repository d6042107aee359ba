package markdown

import (
	"dateline/internal/link"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// neutralise takes script-capable URLs (javascript:, vbscript:, file:, non-raster data:) out
// of links, autolinks and images, whatever Options.Unsafe says: a dangerous link becomes its
// content, a dangerous autolink its text, a dangerous image its alt text. The reader still
// sees what the writer wrote, minus the URL.
func neutralise(root ast.Node, src []byte) {
	var bad []ast.Node
	walk(root, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Link:
			if !safe(link.Safe, n.Destination) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if !link.Safe(string(n.URL(src))) { // autolinks resolve no entities
				bad = append(bad, n)
			}
		case *ast.Image:
			if !safe(link.SafeImage, n.Destination) {
				bad = append(bad, n)
			}
		}
	})
	for _, n := range bad {
		switch n := n.(type) {
		case *ast.Link:
			unwrap(n)
		case *ast.AutoLink:
			replace(n, rawString(string(n.Label(src))))
		case *ast.Image:
			replace(n, rawString(plainText(n, src)))
		}
	}
}

// safe checks a link or image destination both as written and as the browser will get it.
// Destination is the source text: "&#106;avascript:" only becomes "javascript:" when the
// renderer resolves entities and backslash escapes.
func safe(ok func(string) bool, dest []byte) bool {
	return ok(string(dest)) && ok(resolvedURL(dest))
}

// resolvedURL is a destination as goldmark renders it into href or src (before HTML escaping).
func resolvedURL(dest []byte) string {
	return string(util.URLEscape(dest, true))
}

// unwrap puts n's children in n's place.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; c = n.FirstChild() {
		parent.InsertBefore(parent, n, c) // InsertBefore detaches c from n first
	}
	parent.RemoveChild(parent, n)
}

// replace puts r in n's place.
func replace(n, r ast.Node) {
	parent := n.Parent()
	parent.ReplaceChild(parent, n, r)
}

// rawString is literal text: rendered HTML-escaped, with no entity or escape processing.
func rawString(s string) *ast.String {
	str := ast.NewString([]byte(s))
	str.SetRaw(true)
	return str
}
