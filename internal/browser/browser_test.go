package browser

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"dateline/internal/output"
	"dateline/internal/serve"
	"dateline/internal/site"
)

// showcase is the example article that uses every front matter field and every Markdown
// construct.
const showcase = "2025/09/14/running-dry-five-week-river/"

// serveExample builds the example archive for a server on 127.0.0.1 and returns its URL.
func serveExample(t *testing.T) string {
	t.Helper()
	url, _ := serveExampleFiles(t)
	return url
}

// serveExampleFiles is serveExample that also returns the built files.
func serveExampleFiles(t *testing.T) (string, *output.Memory) {
	t.Helper()
	mem := output.NewMemory()
	url := Serve(t, &serve.Handler{Files: mem})
	if _, err := site.Build(context.Background(), site.Options{FS: os.DirFS("../.."), BaseURL: url}, mem); err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Get(showcase + "index.html"); !ok {
		t.Fatalf("the example archive has no %s", showcase)
	}
	return url, mem
}

func TestPagesHaveNoAxeViolations(t *testing.T) {
	b := New(t)
	url := serveExample(t)
	for _, page := range []string{"", showcase} {
		for _, scheme := range []string{"light", "dark"} {
			for _, width := range []int64{320, 1280} {
				for _, v := range b.Axe(url+page, scheme, width) {
					t.Errorf("/%s (%s, %dpx): %s", page, scheme, width, v)
				}
			}
		}
	}
}

// TestEveryPageIsAccessibleAndFitsAPhone checks every page of the example archive: no
// axe-core violations in light at phone width and in dark at laptop width, and no
// sideways scrolling at 320 px.
func TestEveryPageIsAccessibleAndFitsAPhone(t *testing.T) {
	b := New(t)
	url, mem := serveExampleFiles(t)
	pages := 0
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, "index.html") {
			continue
		}
		pages++
		page := strings.TrimSuffix(name, "index.html")
		for _, v := range b.Axe(url+page, "light", 320) {
			t.Errorf("/%s (light, 320px): %s", page, v)
		}
		if w := Eval[int](b, `document.documentElement.scrollWidth`); w > 320 {
			t.Errorf("/%s is %dpx wide on a 320px screen: it scrolls sideways", page, w)
		}
		for _, v := range b.Axe(url+page, "dark", 1024) {
			t.Errorf("/%s (dark, 1024px): %s", page, v)
		}
	}
	if pages < 30 {
		t.Fatalf("only %d pages checked", pages)
	}
}

func TestSkipLinkMovesFocusToMain(t *testing.T) {
	b := New(t)
	url := serveExample(t)
	b.Do(Emulate("light", 1280), chromedp.Navigate(url+showcase))
	first := Eval[string](b, `(() => { document.body.focus(); const a = document.querySelector("a"); return a.getAttribute("href") + " " + a.textContent })()`)
	if !strings.HasPrefix(first, "#main ") {
		t.Fatalf("the first link is %q, want the skip link to #main", first)
	}
	if got := Eval[string](b, `(() => { document.querySelector(".skip-link").click(); return document.activeElement.id })()`); got != "main" {
		t.Errorf("after the skip link, focus is on %q, want main", got)
	}
}
