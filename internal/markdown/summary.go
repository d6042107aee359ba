package markdown

import "github.com/yuin/goldmark/ast"

// summary is the plain text of the first top-level paragraph: what a feed or a search result
// shows when the article sets no summary of its own.
func summary(root ast.Node, src []byte) string {
	p := firstParagraph(root)
	if p == nil {
		return ""
	}
	return plainText(p, src)
}
