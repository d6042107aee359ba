package browser

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"dateline/internal/output"
	"dateline/internal/serve"
	"dateline/internal/site"
	"dateline/internal/sitetest"
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

// refresh is the redirect of an alias page.
var refresh = regexp.MustCompile(`<meta http-equiv="refresh"[^>]*>`)

// still returns the URL path of a page to test, which for a redirect page is a copy
// without its redirect, so the browser stays on it while axe runs.
func still(mem *output.Memory, name string) string {
	data, _ := mem.Get(name)
	if !refresh.Match(data) {
		return strings.TrimSuffix(name, "index.html")
	}
	copyName := strings.TrimSuffix(name, ".html") + ".still.html"
	mem.Write(copyName, refresh.ReplaceAll(data, nil))
	return copyName
}

// TestEveryPageIsAccessibleAndFitsAPhone checks every page of the example archive: no
// axe-core violations in light at phone width and in dark at laptop width, and no
// sideways scrolling at 320 px.
func TestEveryPageIsAccessibleAndFitsAPhone(t *testing.T) {
	b := New(t)
	url, mem := serveExampleFiles(t)
	pages := 0
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		page := still(mem, name)
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

// pageTypes names one page of every kind the example archive has.
var pageTypes = []string{
	"index.html", "page/2/index.html", showcase + "index.html", "archive/index.html", "2024/index.html",
	"2024/02/index.html", "topics/index.html", "topics/water/index.html", "topics/water/page/2/index.html",
	"people/index.html", "authors/index.html", "authors/marisol-quintana/index.html", "404.html",
	"news/2025/running-dry/index.html", "search/index.html",
}

func TestEveryPageTypeIsValidHTML(t *testing.T) {
	_, mem := serveExampleFiles(t)
	dir := t.TempDir()
	var files []string
	for _, name := range pageTypes {
		data, ok := mem.Get(name)
		if !ok {
			t.Fatalf("the example archive has no %s", name)
		}
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for _, m := range Validate(t, files...) {
		t.Error(m)
	}
}

func TestValidatorReportsInvalidHTML(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(p, []byte(`<!doctype html><html lang="en"><head><title>x</title></head><body><p id="a">x</p><p id="a">y</p><span><div>z</div></span></body></html>`), 0o644)
	if ms := Validate(t, p); len(ms) < 2 {
		t.Fatalf("the checker found %d errors in a page with a duplicate id and a div in a span", len(ms))
	}
}

// TestNewStartsChromiumAgainAfterACrash gives New a Chromium that dies the first time it is
// started, as a real one now and then does on a loaded machine, and expects a working
// browser from the second start.
func TestNewStartsChromiumAgainAfterACrash(t *testing.T) {
	chromium := ChromiumPath()
	if chromium == "" {
		sitetest.Missing(t, "Chromium", "apt-get install -y chromium (or set DATELINE_CHROMIUM)")
	}
	dir := t.TempDir()
	crashed := filepath.Join(dir, "crashed")
	script := filepath.Join(dir, "chromium")
	body := "#!/bin/sh\nif [ ! -e '" + crashed + "' ]; then : > '" + crashed + "'; echo 'crashed on purpose' >&2; exit 1; fi\nexec '" + chromium + "' \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DATELINE_CHROMIUM", script)
	b := New(t)
	if _, err := os.Stat(crashed); err != nil {
		t.Fatalf("the first start never ran the crashing Chromium: %v", err)
	}
	if got := Eval[int](b, `6 * 7`); got != 42 {
		t.Fatalf("the restarted browser evaluates 6 * 7 to %d", got)
	}
}
