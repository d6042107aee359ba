// Package link owns the URLs of a site: which URLs content may link to, how a site path
// becomes an absolute or root-relative URL under the configured baseURL, and how the
// article permalink pattern expands.
//
// A site path is the slash-separated path of a page or file inside the output, always
// starting with "/" ("/2024/05/01/water-vote/", "/css/site.css"). Every site path that
// dateline writes passes CleanPath first, so no slug, alias or pattern can reach outside
// the output folder.
package link

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Safe reports whether u may be the target of a link. It refuses the schemes that run
// code or smuggle content (javascript:, vbscript:, file:, data:), however they are
// disguised with case, entities already decoded, whitespace or control characters.
func Safe(u string) bool {
	switch scheme(u) {
	case "javascript", "vbscript", "file", "data":
		return false
	}
	return true
}

// SafeImage is Safe for an image source, which may also be a data: URL of a raster image.
func SafeImage(u string) bool {
	if scheme(u) != "data" {
		return Safe(u)
	}
	rest := strings.ToLower(normalize(u))
	for _, t := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(rest, t) {
			return true
		}
	}
	return false
}

// normalize removes what a browser ignores when it parses a URL: leading and trailing C0
// controls and spaces, and tabs and newlines anywhere.
func normalize(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(u, "\t\n\r") {
		u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	}
	return u
}

// scheme returns the lower-case scheme of u, or "" when u is relative.
func scheme(u string) string {
	u = normalize(u)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

// IsLocal reports whether u points at a file of the site itself, relative to the page
// ("photo.jpg", "img/chart.png"), rather than at another site or an absolute site path.
func IsLocal(u string) bool {
	return u != "" && scheme(u) == "" && !strings.HasPrefix(u, "/") &&
		!strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "?")
}

// ErrEscapes is returned for a path that would leave the folder it is resolved in.
var ErrEscapes = errors.New("path leaves the site")

// CleanPath checks a site path and returns it cleaned, keeping a trailing slash. It refuses
// "..", backslashes, NUL and other control characters, and percent-encodings, so that the
// path means the same file on every file system and server.
func CleanPath(p string) (string, error) {
	if !strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("%q: a site path starts with /", p)
	}
	for _, r := range p {
		if r < ' ' || r == 0x7f || r == '\\' || r == '%' {
			return "", fmt.Errorf("%q: %w (control character, backslash or percent-encoding)", p, ErrEscapes)
		}
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("%q: %w (dot segment)", p, ErrEscapes)
		}
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c, nil
}

// Base is a parsed baseURL. Every URL in the output is built from it, so a site hosted
// under a sub-path (https://example.org/archive/) links correctly everywhere.
type Base struct {
	origin string // scheme://host[:port], no trailing slash
	prefix string // the sub-path, "" or "/archive" (no trailing slash)
}

// ParseBase parses an absolute http or https baseURL.
func ParseBase(s string) (Base, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Base{}, fmt.Errorf("baseURL %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Base{}, fmt.Errorf("baseURL %q: want an absolute http:// or https:// URL", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return Base{}, fmt.Errorf("baseURL %q: want no query, fragment or user", s)
	}
	prefix := strings.TrimRight(u.EscapedPath(), "/")
	if _, err := CleanPath(prefix + "/"); err != nil && prefix != "" {
		return Base{}, fmt.Errorf("baseURL %q: %w", s, err)
	}
	return Base{origin: u.Scheme + "://" + u.Host, prefix: prefix}, nil
}

// Rel returns the root-relative URL of a site path, with the sub-path: "/archive/2024/".
func (b Base) Rel(sitePath string) string {
	return b.prefix + escapePath(sitePath)
}

// Abs returns the absolute URL of a site path: "https://example.org/archive/2024/".
func (b Base) Abs(sitePath string) string {
	return b.origin + b.Rel(sitePath)
}

// Prefix is the sub-path the site lives under, "" at the root of its host.
func (b Base) Prefix() string { return b.prefix }

// String returns the base URL itself, with a trailing slash.
func (b Base) String() string { return b.origin + b.prefix + "/" }

// escapePath percent-encodes what a path may not hold literally (spaces, non-ASCII). A
// path that needs no escape, as a slugged one never does, is returned as it is without
// building a URL: links are made for every card of every page.
func escapePath(p string) string {
	for i := 0; i < len(p); i++ {
		if !pathSafe(p[i]) {
			return (&url.URL{Path: p}).EscapedPath()
		}
	}
	return p
}

// pathSafe reports whether net/url leaves c as it is in a path.
func pathSafe(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-_.~$&+,/:;=@", c) >= 0
}
