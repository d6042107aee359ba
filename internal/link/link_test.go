package link

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSafeRefusesScriptSchemesHoweverDisguised(t *testing.T) {
	for _, u := range []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "\x01javascript:x",
		"java\tscript:x", "java\nscript:x", "vbscript:msgbox", "file:///etc/passwd",
		"data:text/html;base64,PHNjcmlwdD4=",
	} {
		if Safe(u) {
			t.Errorf("Safe(%q) = true, want false", u)
		}
	}
	for _, u := range []string{
		"https://example.org/", "/2024/", "photo.jpg", "#fn:1", "mailto:desk@example.org",
		"?q=javascript:", "./javascript:x", "tel:+15055550100",
	} {
		if !Safe(u) {
			t.Errorf("Safe(%q) = false, want true", u)
		}
	}
}

func TestSafeImageAllowsRasterDataURLsOnly(t *testing.T) {
	if !SafeImage("data:image/png;base64,iVBORw0KGgo=") {
		t.Error("SafeImage refused a PNG data URL")
	}
	for _, u := range []string{"data:image/svg+xml,<svg onload=alert(1)>", "data:text/html,x", "javascript:x"} {
		if SafeImage(u) {
			t.Errorf("SafeImage(%q) = true, want false", u)
		}
	}
}

func TestCleanPathRefusesEscapes(t *testing.T) {
	for _, p := range []string{
		"/../etc/", "/a/../../b/", "/a\\..\\b/", "/a%2e%2e/", "/%2e%2e/x", "/a\x00b/", "relative/", "/./a",
	} {
		if _, err := CleanPath(p); err == nil {
			t.Errorf("CleanPath(%q) succeeded, want an error", p)
		}
	}
	got, err := CleanPath("/2024//05/x/")
	if err != nil || got != "/2024/05/x/" {
		t.Errorf("CleanPath(/2024//05/x/) = %q, %v", got, err)
	}
	if _, err := CleanPath("/../x"); !errors.Is(err, ErrEscapes) {
		t.Errorf("CleanPath(/../x) error %v is not ErrEscapes", err)
	}
}

func TestBaseKeepsSubPath(t *testing.T) {
	b, err := ParseBase("https://example.org/archive/")
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Rel("/2024/05/01/x/"); got != "/archive/2024/05/01/x/" {
		t.Errorf("Rel = %q", got)
	}
	if got := b.Abs("/"); got != "https://example.org/archive/" {
		t.Errorf("Abs(/) = %q", got)
	}
	root, _ := ParseBase("http://127.0.0.1:1313")
	if got := root.Abs("/a b/"); got != "http://127.0.0.1:1313/a%20b/" {
		t.Errorf("Abs = %q", got)
	}
	for _, s := range []string{"example.org", "ftp://x/", "https://x/?q=1", "/archive/"} {
		if _, err := ParseBase(s); err == nil {
			t.Errorf("ParseBase(%q) succeeded", s)
		}
	}
}

func TestPatternExpandsDateAndSlug(t *testing.T) {
	p, err := ParsePattern("/:year/:month/:day/:slug/")
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Expand(time.Date(2019, 3, 7, 23, 0, 0, 0, time.UTC), "ice-raid", "news")
	if err != nil || got != "/2019/03/07/ice-raid/" {
		t.Fatalf("Expand = %q, %v", got, err)
	}
	s, _ := ParsePattern("/:section/:slug/")
	if got, _ := s.Expand(time.Now(), "x", "opinion"); got != "/opinion/x/" {
		t.Errorf("section pattern = %q", got)
	}
}

func TestParsePatternRefusesBadPatterns(t *testing.T) {
	for _, s := range []string{"/:year/", ":slug/", "/:slug", "/../:slug/", "/:slugs/", "/:title/:slug/", "/a\\:slug/"} {
		if _, err := ParsePattern(s); err == nil {
			t.Errorf("ParsePattern(%q) succeeded", s)
		} else if !strings.Contains(err.Error(), s) && !strings.Contains(err.Error(), "permalink") {
			t.Errorf("ParsePattern(%q) error %q does not name the pattern", s, err)
		}
	}
}

func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/2024/05/x/", "/../etc/", "/a%2e%2e/", "/a\\b", "/a//b/./c", "/\x00", "relative"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		clean, err := CleanPath(p)
		if err != nil {
			return
		}
		if !strings.HasPrefix(clean, "/") || strings.ContainsAny(clean, "\\%\x00") {
			t.Fatalf("CleanPath(%q) = %q", p, clean)
		}
		for _, seg := range strings.Split(clean, "/") {
			if seg == ".." || seg == "." {
				t.Fatalf("CleanPath(%q) = %q keeps a dot segment", p, clean)
			}
		}
		if again, err := CleanPath(clean); err != nil || again != clean {
			t.Fatalf("CleanPath is not idempotent on %q: %q, %v", clean, again, err)
		}
	})
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"/:year/:month/:day/:slug/", "/:section/:slug/", "/news/:slug/", "/../:slug/", "/:slug"} {
		f.Add(s, "water-vote", "news")
	}
	f.Fuzz(func(t *testing.T, pattern, slugText, section string) {
		p, err := ParsePattern(pattern)
		if err != nil {
			return
		}
		got, err := p.Expand(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), slugText, section)
		if err != nil {
			return
		}
		if clean, err := CleanPath(got); err != nil || clean != got || !strings.HasSuffix(got, "/") {
			t.Fatalf("Expand(%q, %q, %q) = %q, which is not a clean folder path (%v)", pattern, slugText, section, got, err)
		}
	})
}

func FuzzBase(f *testing.F) {
	f.Add("https://example.org/archive/", "/2024/x/")
	f.Add("http://127.0.0.1:1313", "/a b/")
	f.Fuzz(func(t *testing.T, base, sitePath string) {
		b, err := ParseBase(base)
		if err != nil {
			return
		}
		clean, err := CleanPath(sitePath)
		if err != nil {
			return
		}
		rel := b.Rel(clean)
		if !strings.HasPrefix(rel, b.Prefix()+"/") || !strings.HasPrefix(b.Abs(clean), b.String()[:len(b.String())-1]) {
			t.Fatalf("base %q path %q: rel %q abs %q", base, clean, rel, b.Abs(clean))
		}
	})
}

// FuzzEscapePath checks the shortcut for paths that need no escape against net/url for
// any path: they must agree byte for byte.
func FuzzEscapePath(f *testing.F) {
	for _, p := range []string{"/2024/03/05/x/", "/a b/", "/peña/", "/a?b#c", "/$&+,:;=@-_.~/", "/!'()*/", "/%41/"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if got, want := escapePath(p), (&url.URL{Path: p}).EscapedPath(); got != want {
			t.Fatalf("escapePath(%q) = %q, net/url says %q", p, got, want)
		}
	})
}
