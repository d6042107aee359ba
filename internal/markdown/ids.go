package markdown

import (
	"regexp"
	"strconv"

	"dateline/internal/slug"

	"github.com/yuin/goldmark/ast"
)

// Heading ids are slugs (dateline/internal/slug), so they are ASCII [a-z0-9-] and can never
// equal a footnote id ("fn:1", "fnref:1"), which always holds a colon.

// noSlug is the id base of a heading with no sluggable text ("東京", "???").
const noSlug = "section"

// Markup that would otherwise leak into a heading's slug: goldmark asks for the id before
// inline parsing, with the heading's source text, so "[Water](https://x.org/y)" would slug
// to "water-https-x-org-y". Link destinations, footnote references and tags are dropped; the
// remaining punctuation is harmless because slug.Make turns it into separators.
var (
	linkTail    = regexp.MustCompile(`\]\([^)]*\)`)
	footnoteRef = regexp.MustCompile(`\[\^[^\]]*\]`)
	tag         = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)
)

// ids is a parser.IDs for one Convert call: the table of ids already taken in that article.
type ids struct {
	used map[string]bool
	next map[string]int // the last suffix tried for a base, so n equal headings cost O(n), not O(n²)
}

func newIDs(reserved []string) *ids {
	s := &ids{used: make(map[string]bool, len(reserved)+8), next: map[string]int{}}
	for _, id := range reserved {
		s.used[id] = true
	}
	return s
}

// Generate implements parser.IDs: the slug of the heading text, made unique with -1, -2, …
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(headingText(value))
	if base == "" {
		base = noSlug
	}
	id := base
	if s.used[id] {
		for i := s.next[base] + 1; ; i++ {
			id = base + "-" + strconv.Itoa(i)
			if !s.used[id] {
				s.next[base] = i
				break
			}
		}
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) {
	s.used[string(value)] = true
}

// headingText strips link destinations, footnote references and tags from heading source.
func headingText(src []byte) string {
	src = linkTail.ReplaceAll(src, []byte("]"))
	src = footnoteRef.ReplaceAll(src, nil)
	src = tag.ReplaceAll(src, []byte(" "))
	return string(src)
}
