package browser

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/serve"
	"dateline/internal/site"
)

// devSite serves a site from a temporary folder as dateline serve does.
func devSite(t *testing.T, files map[string]string) (dir, url string) {
	t.Helper()
	dir = t.TempDir()
	for name, data := range files {
		writeFile(t, dir, name, data)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	dev, _, err := serve.Start(ctx, ln, site.Options{Source: dir}, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { dev.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return dir, serve.URL(ln)
}

// writeFile writes a file of the site as one change, through a temporary file the
// watcher ignores, so that no rebuild sees it half-written however slow the machine.
func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p+"~", []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+"~", p); err != nil {
		t.Fatal(err)
	}
}

// waitFor evaluates a JavaScript condition until it is true, failing after a minute (a guard against a hang, not a measure of speed).
func waitFor(t *testing.T, b *Browser, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !Eval[bool](b, "(() => { try { return !!("+cond+") } catch (e) { return false } })()") {
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s never held", what, cond)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOpenPageReloadsShowsErrorsAndSwapsStyles(t *testing.T) {
	b := New(t)
	dir, url := devSite(t, map[string]string{
		"content/a.md": "---\ntitle: Before\ndate: 2024-01-01\n---\nText.\n",
	})
	b.Do(chromedp.Navigate(url + "2024/01/01/a/"))
	waitFor(t, b, "the page", `document.querySelector("h1").textContent === "Before"`)
	waitFor(t, b, "the event stream", `window.datelineReload.readyState === 1`)

	Eval[any](b, `window.marker = 1`)
	writeFile(t, dir, "content/a.md", "---\ntitle: After\ndate: 2024-01-01\n---\nText.\n")
	waitFor(t, b, "the reload after an edit", `document.querySelector("h1").textContent === "After" && window.marker === undefined`)
	waitFor(t, b, "the event stream again", `window.datelineReload.readyState === 1`)

	writeFile(t, dir, "content/a.md", "---\ntitle: Broken\ndate: 2024-13-45\n---\nText.\n")
	waitFor(t, b, "the error overlay", `document.getElementById("dateline-errors").textContent.includes("content/a.md:3:7: date")`)
	if got := Eval[string](b, `document.querySelector("h1").textContent`); got != "After" {
		t.Errorf("under the overlay the page shows %q, want the last good build", got)
	}
	if role := Eval[string](b, `document.getElementById("dateline-errors").getAttribute("role")`); role != "alert" {
		t.Errorf("the overlay's role is %q, want alert", role)
	}

	writeFile(t, dir, "content/a.md", "---\ntitle: Fixed\ndate: 2024-01-01\n---\nText.\n")
	waitFor(t, b, "the reload after the fix", `document.querySelector("h1").textContent === "Fixed" && !document.getElementById("dateline-errors")`)
	waitFor(t, b, "the event stream again", `window.datelineReload.readyState === 1`)

	Eval[any](b, `window.marker = 2`)
	writeFile(t, dir, "static/css/site.css", "body { background: rgb(1, 2, 3) }")
	waitFor(t, b, "the new stylesheet", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if Eval[int](b, `window.marker`) != 2 {
		t.Error("a stylesheet change reloaded the page instead of swapping the stylesheet")
	}
}
