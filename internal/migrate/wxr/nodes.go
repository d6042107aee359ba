package wxr

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The tree step's small tools over x/net/html nodes. Lists are in document order and
// gathered before any change, so a step may rewrite what it walks.

// descendants lists every node under n, n itself not included.
func descendants(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			out = append(out, c)
			walk(c)
		}
	}
	walk(n)
	return out
}

// elements lists the elements under n that are one of atoms; atom 0 stands for every
// element, those of the tree step's own tags included.
func elements(n *html.Node, atoms ...atom.Atom) []*html.Node {
	var out []*html.Node
	for _, d := range descendants(n) {
		if d.Type != html.ElementNode {
			continue
		}
		for _, a := range atoms {
			if a == 0 || d.DataAtom == a {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// first is the first element under n that is a, or nil.
func first(n *html.Node, a atom.Atom) *html.Node {
	if els := elements(n, a); len(els) > 0 {
		return els[0]
	}
	return nil
}

// attrOf is the value of n's attribute key, or "".
func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// element makes an element with attributes given as key, value pairs.
func element(tag string, kv ...string) *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup([]byte(tag))}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Attr = append(n.Attr, html.Attribute{Key: kv[i], Val: kv[i+1]})
	}
	return n
}

// replace puts n where old is; old leaves the tree.
func replace(old, n *html.Node) {
	if old.Parent == nil {
		return
	}
	old.Parent.InsertBefore(n, old)
	old.Parent.RemoveChild(old)
}

// remove takes n out of the tree, if it is in one.
func remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// insertAfter puts n right after ref, or nowhere when ref is not in a tree.
func insertAfter(ref, n *html.Node) {
	if ref.Parent != nil {
		ref.Parent.InsertBefore(n, ref.NextSibling)
	}
}

// isInside reports whether n is under ancestor.
func isInside(n, ancestor *html.Node) bool {
	if ancestor == nil {
		return false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p == ancestor {
			return true
		}
	}
	return false
}

// hasClass reports whether n's class attribute holds class.
func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attrOf(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// hasClassPrefix reports whether one of n's classes starts with prefix.
func hasClassPrefix(n *html.Node, prefix string) bool {
	for _, c := range strings.Fields(attrOf(n, "class")) {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// plainText is the text under n, its white space runs made one space.
func plainText(n *html.Node) string {
	var b strings.Builder
	for _, d := range descendants(n) {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
