package shortcode

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// FuzzTranslate checks what holds for any body: no panic, the same output twice, a body
// without "{" unchanged, unknowns on lines the body has, and, for a body that writes nothing
// meant to show template syntax (no raw block, escape, entity or backslash escape), a page
// whose text outside code shows none.
func FuzzTranslate(f *testing.F) {
	for _, c := range goldenCases {
		f.Add(c.in)
	}
	for _, body := range messyBodies {
		f.Add(body)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	opts := testOptions("resolve")
	opts.SiteURL = "https://example.com"
	f.Fuzz(func(t *testing.T, body string) {
		out, unknown, err := Translate([]byte(body), opts)
		if err != nil {
			t.Fatalf("error without Custom templates: %v", err)
		}
		again, unknown2, _ := Translate([]byte(body), opts)
		if !bytes.Equal(out, again) || !slices.Equal(unknown, unknown2) {
			t.Fatalf("two translations differ:\n%q\n%q", out, again)
		}
		if !strings.Contains(body, "{") && (string(out) != body || unknown != nil) {
			t.Fatalf("body without a brace changed to %q (unknown %v)", out, unknown)
		}
		lines := strings.Count(body, "\n") + 1
		for _, u := range unknown {
			if u.Line < 1 || u.Line > lines || !strings.HasPrefix(u.Text, "{") {
				t.Fatalf("unknown %+v: not a tag on one of the body's %d lines", u, lines)
			}
		}
		if meansToShowSyntax(body) {
			return
		}
		var page bytes.Buffer
		if err := md.Convert(out, &page); err != nil {
			t.Fatal(err)
		}
		if d := shownDelimiter(page.String()); d != "" {
			t.Fatalf("output %q shows %q: %q", out, d, page.String())
		}
	})
}

// meansToShowSyntax reports whether a body may put template syntax in front of readers on
// purpose: a raw block's body, a Hugo escape, or a brace written as an entity or escaped.
func meansToShowSyntax(body string) bool {
	return strings.Contains(body, "raw") || strings.Contains(body, "/*") ||
		strings.ContainsAny(body, `&\`)
}
