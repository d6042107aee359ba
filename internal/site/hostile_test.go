package site_test

import (
	"strings"
	"testing"

	"dateline/internal/site"
	"dateline/internal/sitetest"
)

// hostile is text that would break out of HTML, an attribute, a script, a template or
// XML if any output wrote it unescaped.
const hostile = `</script><script>alert(1)</script>"'><b onmouseover=x>{{.Site}}&amp;`

// TestHostileTextStaysTextEverywhere puts hostile text in every field an editor writes
// and checks that no output file carries it as markup.
func TestHostileTextStaysTextEverywhere(t *testing.T) {
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	article := "-- content/a/index.md --\n---\n" +
		"title: " + q(hostile) + "\ndate: 2024-01-01\ndek: " + q(hostile) + "\ndateline: " + q(hostile) + "\n" +
		"authors: [" + q("Ana "+hostile) + "]\ntopics: [" + q("Water "+hostile) + "]\npeople: [" + q("Pat "+hostile) + "]\n" +
		"image: {src: photo.png, alt: " + q(hostile) + ", caption: " + q(hostile) + ", credit: " + q(hostile) + "}\n" +
		"corrections: [{date: 2024-01-02, text: " + q(hostile) + "}]\n" +
		"source: {name: " + q(hostile) + ", url: 'https://example.org/?q=\"><script>'}\n" +
		"series: " + q(hostile) + "\n---\n" +
		"A paragraph with <script>alert(2)</script> raw HTML, [a link](javascript:alert(3)), " +
		"[another](vbscript:x), [data](data:text/html;base64,PHNjcmlwdD4=) and ![img](javascript:alert(4)).\n\n" +
		"![" + strings.ReplaceAll(hostile, "]", "") + "](photo.png \"" + strings.ReplaceAll(hostile, `"`, "") + " | credit\")\n" +
		"-- content/a/photo.png --\npng\n"
	r := sitetest.Build(t, article, site.Options{}).OK(t)
	checked := 0
	for name, data := range r.Files {
		text := string(data)
		for _, bad := range []string{"<script>alert", "<b onmouseover", "javascript:", "vbscript:", "data:text/html", `"'>`} {
			if strings.Contains(text, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if strings.Contains(text, "Ana") || strings.Contains(text, "Water") {
			checked++
		}
	}
	if checked < 8 {
		t.Fatalf("only %d outputs mention the hostile names; the test is not looking at them", checked)
	}
	for _, name := range []string{"feed.xml", "feed.json", "sitemap.xml", "topics/index.html", "2024/01/01/a/index.html"} {
		r.File(t, name)
	}
}

func TestDeeplyNestedArticlesBuild(t *testing.T) {
	archive := "-- content/quote.md --\n---\ntitle: Q\ndate: 2024-01-01\n---\n" + strings.Repeat(">", 10_000) + " deep\n" +
		"-- content/list.md --\n---\ntitle: L\ndate: 2024-01-02\n---\n" + strings.Repeat("- ", 10_000) + "deeper\n"
	r := sitetest.Build(t, archive, site.Options{}).OK(t)
	if !strings.Contains(r.File(t, "2024/01/01/quote/index.html"), "deep") || !strings.Contains(r.File(t, "2024/01/02/list/index.html"), "deeper") {
		t.Error("the text of a deeply nested article was lost")
	}
}
