// Package browser checks what a person sees: it serves a built site on 127.0.0.1, opens
// it in headless Chromium through chromedp, and runs axe-core in the page.
//
// Tests that need a browser call New. Where Chromium or axe-core is missing they are
// skipped with a message naming what to install, except when CI=true, where a missing
// browser fails the test, so CI can never pass by skipping.
package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"dateline/internal/sitetest"
)

// Browser is a headless Chromium for one test.
type Browser struct {
	t   testing.TB
	ctx context.Context
	axe string // the axe-core script, once loaded
}

// ChromiumPath finds Chromium: $DATELINE_CHROMIUM, or chromium, chromium-browser or
// google-chrome on PATH.
func ChromiumPath() string {
	if p := os.Getenv("DATELINE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless Chromium that lives as long as the test.
//
// A Chromium that fails to start is started again, up to startAttempts times in all: on
// a loaded machine it now and then crashes before it listens, which says nothing about
// the pages under test. Every failed start is logged.
func New(t testing.TB) *Browser {
	t.Helper()
	path := ChromiumPath()
	if path == "" {
		sitetest.Missing(t, "Chromium", "apt-get install -y chromium (or set DATELINE_CHROMIUM)")
	}
	var err error
	for attempt := 1; attempt <= startAttempts; attempt++ {
		var b *Browser
		if b, err = start(t, path); err == nil {
			return b
		}
		t.Logf("Chromium at %s failed to start (attempt %d of %d): %v", path, attempt, startAttempts, err)
	}
	t.Fatalf("starting Chromium at %s: %v", path, err)
	return nil
}

// startAttempts is how many times New tries to start Chromium.
const startAttempts = 3

// start starts one headless Chromium with a fresh profile, stopped when the test ends.
func start(t testing.TB, path string) (*Browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // containers often give /dev/shm 64 MB; use /tmp
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, err
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return &Browser{t: t, ctx: ctx}, nil
}

// Do runs chromedp actions with a time limit, failing the test on error.
func (b *Browser) Do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the page, awaiting a promise, and returns its
// value decoded into T.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// Context is the browser's context, for actions the caller runs itself.
func (b *Browser) Context() context.Context { return b.ctx }

// Serve serves handler on 127.0.0.1 for the rest of the test and returns its base URL.
// The listener is open before the function returns, so the URL can be baked into a build
// that the handler serves afterwards.
func Serve(t testing.TB, handler http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/"
	srv := &http.Server{Handler: handler}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return url
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID          string `json:"id"`
	Impact      string `json:"impact"`
	Description string `json:"description"`
	Help        string `json:"help"`
	Nodes       []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %v %s", n.Target, n.HTML)
	}
	return b.String()
}

// AxeScript finds axe.min.js: $DATELINE_AXE, or node_modules/axe-core in this folder or
// a parent, as "npm install axe-core" at the repository root leaves it.
func AxeScript() string {
	if p := os.Getenv("DATELINE_AXE"); p != "" {
		return p
	}
	return findUp(filepath.Join("node_modules", "axe-core", "axe.min.js"))
}

// Axe opens url and returns the axe-core violations on it, in the given color scheme
// ("light" or "dark") and viewport width.
func (b *Browser) Axe(url, scheme string, width int64) []Violation {
	b.t.Helper()
	b.Do(Emulate(scheme, width), chromedp.Navigate(url))
	return b.AxeNow()
}

// AxeNow returns the axe-core violations on the page as it is now, for a page that
// changes after it loads (search results): open it, wait for the change, then call this.
func (b *Browser) AxeNow() []Violation {
	b.t.Helper()
	if b.axe == "" {
		p := AxeScript()
		if p == "" {
			sitetest.Missing(b.t, "axe-core", "npm install --no-save axe-core (at the repository root), or set DATELINE_AXE")
		}
		src, err := os.ReadFile(p)
		if err != nil {
			b.t.Fatal(err)
		}
		b.axe = string(src)
	}
	Eval[any](b, b.axe+";0")
	out := Eval[string](b, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`)
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		b.t.Fatalf("axe result: %v", err)
	}
	return vs
}

// Emulate sets the color scheme ("light" or "dark") and the viewport width.
func Emulate(scheme string, width int64) chromedp.Action[chromedp.Void] {
	media := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
	var opts []chromedp.EmulateViewportOption
	if width < 600 {
		opts = append(opts, chromedp.EmulateMobile)
	}
	return chromedp.Steps(media, chromedp.EmulateViewport(width, 800, opts...))
}
