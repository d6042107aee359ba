package link

import (
	"fmt"
	"strings"
	"time"
)

// Pattern is a compiled permalink pattern such as "/:year/:month/:day/:slug/".
type Pattern struct {
	parts []string // literal text and ":token" entries, in order
}

// tokens are the placeholders a permalink pattern may use.
var tokens = []string{":year", ":month", ":day", ":slug", ":section"}

// ParsePattern checks a permalink pattern: it starts and ends with "/", names :slug so that
// articles do not collide, and uses only known tokens.
func ParsePattern(s string) (Pattern, error) {
	if !strings.HasPrefix(s, "/") || !strings.HasSuffix(s, "/") {
		return Pattern{}, fmt.Errorf("permalink %q: want a path that starts and ends with /", s)
	}
	if !strings.Contains(s, ":slug") {
		return Pattern{}, fmt.Errorf("permalink %q: must contain :slug, or articles would share a URL", s)
	}
	var p Pattern
	rest := s
	for rest != "" {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			p.parts = append(p.parts, rest)
			break
		}
		if i > 0 {
			p.parts = append(p.parts, rest[:i])
		}
		rest = rest[i:]
		tok := ""
		for _, t := range tokens {
			if strings.HasPrefix(rest, t) && (len(rest) == len(t) || !isWordByte(rest[len(t)])) {
				tok = t
			}
		}
		if tok == "" {
			return Pattern{}, fmt.Errorf("permalink %q: unknown token at %q; known tokens are %s", s, rest, strings.Join(tokens, " "))
		}
		p.parts = append(p.parts, tok)
		rest = rest[len(tok):]
	}
	if _, err := p.Expand(time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC), "slug", "section"); err != nil {
		return Pattern{}, err
	}
	return p, nil
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// Expand fills the pattern for an article published at t (already in the site time zone)
// and returns the cleaned site path.
func (p Pattern) Expand(t time.Time, slug, section string) (string, error) {
	var b strings.Builder
	for _, part := range p.parts {
		switch part {
		case ":year":
			fmt.Fprintf(&b, "%04d", t.Year())
		case ":month":
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case ":day":
			fmt.Fprintf(&b, "%02d", t.Day())
		case ":slug":
			b.WriteString(slug)
		case ":section":
			b.WriteString(section)
		default:
			b.WriteString(part)
		}
	}
	clean, err := CleanPath(b.String())
	if err != nil {
		return "", fmt.Errorf("permalink: %w", err)
	}
	return strings.ReplaceAll(clean, "//", "/"), nil
}
