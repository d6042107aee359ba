package render

import (
	"html/template"
	"slices"
	"text/template/parse"

	"github.com/cespare/xxhash/v2"
)

// sigs computes, for every page kind, a hash of the source of every template file its
// pages use: its own file, the layout, the chrome, and each partial reached through
// {{template}} calls. A change to a template file then changes the hash of exactly the kinds that use
// it, and the development server re-renders only their pages.
func sigs(pages map[string]*template.Template, sources map[string][]byte) map[string]uint64 {
	out := map[string]uint64{}
	for kind, t := range pages {
		start := []string{"layout.html", kind + ".html", chromeFiles[0], chromeFiles[1]}
		if kind == "alias" {
			start = []string{"alias.html"}
		}
		files := uses(t, start, sources)
		d := xxhash.New()
		for _, f := range files {
			d.WriteString(f)
			d.Write(sources[f])
		}
		out[kind] = d.Sum64()
	}
	return out
}

// uses follows {{template}} calls from the named templates and returns the template
// files reached, sorted.
func uses(t *template.Template, start []string, sources map[string][]byte) []string {
	seen := map[string]bool{}
	queue := slices.Clone(start)
	var files []string
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		if _, ok := sources[name]; ok {
			files = append(files, name)
		}
		if tt := t.Lookup(name); tt != nil && tt.Tree != nil {
			queue = append(queue, calls(tt.Tree.Root)...)
		}
	}
	slices.Sort(files)
	return files
}

// calls returns the names of the templates a parse tree invokes.
func calls(n parse.Node) []string {
	var out []string
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.TemplateNode:
			out = append(out, n.Name)
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	walk(n)
	return out
}
