package markdown

import (
	"bytes"
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"dateline/internal/link"
)

// urlAttr finds the href and src attributes in output HTML. The renderer writes every
// attribute value in double quotes with '"' escaped, so this cannot be fooled by text.
var (
	urlAttr = regexp.MustCompile(`(?i)\b(href|src)="([^"]*)"`)
	idAttr  = regexp.MustCompile(`\bid="([^"]*)"`)
)

// FuzzConvert checks, on any input, that Convert does not panic, keeps valid UTF-8 valid, is
// deterministic, and in safe mode never writes a script element or a script-capable URL, nor
// a duplicate or reserved id.
func FuzzConvert(f *testing.F) {
	for _, file := range goldenFiles(f) {
		g := readGolden(f, file)
		f.Add(g.input, g.doc.Dateline, g.opts.Unsafe)
	}
	f.Add([]byte("<a href=\"javascript:x\">x</a> [a](&#x6A;avascript:x) ![b](java\tscript:x)"), "", false)
	f.Add([]byte("> [!pullquote]\n> -- x\n\n>>>> - > - x"), "<b>", false)
	safe, unsafe := New(Options{ReservedIDs: []string{"main"}}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, src []byte, dateline string, isUnsafe bool) {
		c := safe
		if isUnsafe {
			c = unsafe
		}
		doc := Document{Dateline: dateline, ImageSize: func(string) (int, int, bool) { return 4, 3, true }}
		res, err := c.Convert(src, doc)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(src) && utf8.ValidString(dateline) {
			if !utf8.Valid(res.HTML) || !utf8.ValidString(res.Summary) {
				t.Fatalf("valid UTF-8 in, invalid out:\n%q\n%q", res.HTML, res.Summary)
			}
		}
		again, _ := c.Convert(src, doc)
		if !bytes.Equal(res.HTML, again.HTML) || res.Summary != again.Summary {
			t.Fatal("two conversions of the same input differ")
		}
		if !isUnsafe {
			checkSafe(t, res.HTML)
			checkIDs(t, res.HTML, "main")
		}
	})
}

func checkSafe(t *testing.T, html []byte) {
	t.Helper()
	if bytes.Contains(bytes.ToLower(html), []byte("<script")) {
		t.Fatalf("safe output has a script element:\n%s", html)
	}
	for _, m := range urlAttr.FindAllSubmatch(html, -1) {
		u := stdhtml.UnescapeString(string(m[2]))
		ok := link.Safe(u)
		if bytes.EqualFold(m[1], []byte("src")) {
			ok = link.SafeImage(u)
		}
		if !ok || scriptScheme(u) {
			t.Fatalf("safe output has a dangerous %s=%q:\n%s", m[1], u, html)
		}
	}
}

// scriptScheme is a check independent of package link: what a browser would take for a
// javascript: or vbscript: URL, once it has dropped control characters and white space.
func scriptScheme(u string) bool {
	u = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, u))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:")
}

func checkIDs(t *testing.T, html []byte, reserved string) {
	t.Helper()
	seen := map[string]bool{reserved: true}
	for _, m := range idAttr.FindAllSubmatch(html, -1) {
		if seen[string(m[1])] {
			t.Fatalf("id %q is reserved or used twice:\n%s", m[1], html)
		}
		seen[string(m[1])] = true
	}
}

// FuzzQuickLinkify checks that GFM with quickLinkify renders any input exactly as GFM
// with goldmark's own linkify parser does.
func FuzzQuickLinkify(f *testing.F) {
	for _, s := range []string{
		"Write to news@example.org or see www.example.org/a_b, https://x.y/z?q=1 and ftp://f.g.",
		"*a@b.co* _www.x.io_ ~https://a.b~ (c@d.ef) a.b@c-d.ef. x@y x@y.z_ me@x.y- \tq@r.st",
		"[link www.inside.org](u) `code@x.y` http:no https://", "www.\n@\n* x@y.z\n> https://a.b",
		"(" + strings.Repeat("a", 64) + "@b.cd (" + strings.Repeat("a", 65) + "@b.cd",
	} {
		f.Add([]byte(s))
	}
	ours := goldmark.New(goldmark.WithExtensions(gfm{}))
	theirs := goldmark.New(goldmark.WithExtensions(extension.GFM))
	f.Fuzz(func(t *testing.T, src []byte) {
		var a, b bytes.Buffer
		if err := ours.Convert(src, &a); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Convert(src, &b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("input %q:\nquick:    %s\ngoldmark: %s", src, a.Bytes(), b.Bytes())
		}
	})
}
