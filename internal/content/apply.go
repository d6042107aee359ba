package content

import (
	"context"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// Apply returns the Set as it is after the files at paths changed on disk, and the paths
// of the articles and other files under content/ that changed. paths are relative to the
// site; each is read again, or dropped when it is gone, and a folder is read whole, so a
// batch from a file watcher can be applied as it is. Paths outside content/ are ignored.
// The receiver is left as it was.
func (s *Set) Apply(ctx context.Context, paths []string) (*Set, []string, error) {
	if s.opts.Once {
		panic("content: Apply to a Set loaded Once")
	}
	n := s.clone()
	var roots []string
	for _, p := range paths {
		if (p == ContentDir || strings.HasPrefix(p, ContentDir+"/")) && !ignoredPath(p) {
			roots = append(roots, p)
		}
	}
	changed := n.forget(roots)
	var articles []string
	for _, root := range roots {
		if _, err := fs.Lstat(n.fsys, root); err != nil {
			continue // gone: forgotten above
		}
		found, err := n.walk(root)
		if err != nil {
			return nil, nil, err
		}
		articles = append(articles, found...)
	}
	if err := n.read(ctx, articles); err != nil {
		return nil, nil, err
	}
	for f := range n.files {
		if under(f, roots) {
			changed[f] = true
		}
	}
	for _, a := range articles {
		changed[a] = true
	}
	return n, slices.Sorted(maps.Keys(changed)), n.finish()
}

// clone copies the maps of a Set so that a change does not reach the original.
func (s *Set) clone() *Set {
	n := *s
	n.parsed, n.problems, n.links, n.files = maps.Clone(s.parsed), maps.Clone(s.problems), maps.Clone(s.links), maps.Clone(s.files)
	return &n
}

// forget drops everything at or under roots and returns what it dropped.
func (s *Set) forget(roots []string) map[string]bool {
	gone := map[string]bool{}
	for p := range s.files {
		if under(p, roots) {
			delete(s.files, p)
			gone[p] = true
		}
	}
	for p := range s.parsed {
		if under(p, roots) {
			delete(s.parsed, p)
			gone[p] = true
		}
	}
	for _, m := range []map[string]error{s.problems, s.links} {
		for p := range m {
			if under(p, roots) {
				delete(m, p)
				gone[p] = true
			}
		}
	}
	for p := range gone {
		s.sizes.Delete(p)
	}
	return gone
}

// under reports whether p is one of roots or inside one.
func under(p string, roots []string) bool {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// ignoredPath reports whether any folder or file name along p is ignored.
func ignoredPath(p string) bool {
	for _, seg := range strings.Split(strings.TrimPrefix(p, ContentDir+"/"), "/") {
		if Ignored(seg) {
			return true
		}
	}
	return false
}
