package markdown

import (
	"slices"

	"dateline/internal/link"

	"github.com/yuin/goldmark/ast"
)

// localRefs lists the files the body refers to by relative destination (images to copy,
// sibling pages to check), as paths relative to the article: see localPath.
func localRefs(root ast.Node) []string {
	seen := map[string]bool{}
	var refs []string
	walk(root, func(n ast.Node) {
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		default:
			return
		}
		u := resolvedURL(dest)
		if !link.IsLocal(u) {
			return
		}
		if p := localPath(u); p != "" && !seen[p] {
			seen[p] = true
			refs = append(refs, p)
		}
	})
	slices.Sort(refs)
	return refs
}
