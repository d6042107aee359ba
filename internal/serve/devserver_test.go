package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/output"
	"dateline/internal/site"
)

// dev is a development server running on a site in a temporary folder.
type dev struct {
	t       *testing.T
	dir     string
	url     string
	server  *Server
	builds  atomic.Int64
	errs    atomic.Value  // the last rebuild's error lines
	batches chan []string // every rebuild's batch, for waitBuilt
}

func article(title, date, body string) string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\ntopics: [Water]\n---\n%s\n", title, date, body)
}

// startDev writes files into a new site folder and serves it as dateline serve does.
func startDev(t *testing.T, files map[string]string) *dev {
	t.Helper()
	d := &dev{t: t, dir: t.TempDir(), batches: make(chan []string, 1024)}
	for name, data := range files {
		d.write(name, data)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d.url = URL(ln)
	ctx, cancel := context.WithCancel(context.Background())
	d.server, _, err = Start(ctx, ln, site.Options{Source: d.dir}, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	d.server.Built = func(_ *site.Result, batch []string, err error) {
		d.errs.Store(Lines(err))
		d.builds.Add(1)
		select {
		case d.batches <- batch:
		default: // a test that does not wait for batches
		}
	}
	done := make(chan error)
	go func() { done <- d.server.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return d
}

// write writes a file of the site as one change: into a temporary file the watcher
// ignores, then renamed into place, so that however slowly the machine runs, no rebuild
// can see it half-written (a truncated file, then its bytes).
func (d *dev) write(name, data string) {
	d.t.Helper()
	p := filepath.Join(d.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		d.t.Fatal(err)
	}
	if err := os.WriteFile(p+"~", []byte(data), 0o644); err != nil {
		d.t.Fatal(err)
	}
	if err := os.Rename(p+"~", p); err != nil {
		d.t.Fatal(err)
	}
}

// waitBuilt waits until a rebuild's batch holds path: every change made before path's
// has then been built, since the watcher reports changes in order.
func (d *dev) waitBuilt(path string) {
	d.t.Helper()
	for {
		select {
		case batch := <-d.batches:
			if slices.Contains(batch, path) {
				return
			}
		case <-time.After(60 * time.Second):
			d.t.Fatalf("no rebuild for %s within a minute", path)
		}
	}
}

// get fetches a path of the served site.
func (d *dev) get(path string) (int, string) {
	resp, err := http.Get(d.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// until polls a page until ok holds, failing after a minute (a guard against a hang, not a measure of speed).
func (d *dev) until(path, what string, ok func(status int, body string) bool) {
	d.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		status, body := d.get(path)
		if ok(status, body) {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("%s: %s never happened (status %d)", path, what, status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func has(s string) func(int, string) bool {
	return func(status int, body string) bool { return status == 200 && strings.Contains(body, s) }
}

func gone(status int, body string) bool {
	return status == 404 && strings.Contains(body, "Page not found")
}

func TestServedSiteFollowsEditsRenamesAndDeletes(t *testing.T) {
	d := startDev(t, map[string]string{
		"content/2024/a.md": article("First story", "2024-01-01", "Alpha."),
		"content/2024/b.md": article("Second story", "2024-01-02", "Beta."),
	})
	d.until("2024/01/01/a/", "the first build", has("First story"))

	d.write("content/2024/a.md", article("First story, edited", "2024-01-01", "Alpha."))
	d.until("2024/01/01/a/", "an edit", has("First story, edited"))
	d.until("/", "the front page showing the edit", has("First story, edited"))

	// Save as vim and JetBrains do: a temporary file renamed over the original.
	d.write("content/2024/b.md___jb_tmp___", article("Second story, saved", "2024-01-02", "Beta."))
	os.Rename(filepath.Join(d.dir, "content/2024/b.md___jb_tmp___"), filepath.Join(d.dir, "content/2024/b.md"))
	d.until("2024/01/02/b/", "a rename-over save", has("Second story, saved"))

	os.Rename(filepath.Join(d.dir, "content/2024/b.md"), filepath.Join(d.dir, "content/2024/c.md"))
	d.until("2024/01/02/c/", "the renamed article", has("Second story, saved"))
	d.until("2024/01/02/b/", "the old URL answering 404", gone)

	os.Remove(filepath.Join(d.dir, "content/2024/c.md"))
	d.until("2024/01/02/c/", "the deleted article answering 404", gone)
	d.until("/", "the front page without it", func(s int, body string) bool { return s == 200 && !strings.Contains(body, "Second story") })

	// A new folder holding a bundle with an image.
	os.MkdirAll(filepath.Join(d.dir, "content/2025/bundle"), 0o755)
	d.write("content/2025/bundle/photo.png", "not really a png")
	d.write("content/2025/bundle/index.md", article("Bundled", "2025-03-01", "![A photo](photo.png)"))
	d.until("2025/03/01/bundle/", "an article in a new folder", has("Bundled"))
	d.until("2025/03/01/bundle/photo.png", "its image", has("not really a png"))

	d.write("templates/partials/footer.html", `<footer class="site-footer"><p>A new footer</p></footer>`)
	d.until("2024/01/01/a/", "a template change", has("A new footer"))
	d.write("static/css/site.css", "body { color: teal }")
	d.until("css/site.css", "a stylesheet change", has("teal"))
}

func TestBrokenChangeKeepsTheLastGoodBuildUntilFixed(t *testing.T) {
	d := startDev(t, map[string]string{"content/a.md": article("Good", "2024-01-01", "Text.")})
	d.until("2024/01/01/a/", "the first build", has("Good"))
	d.write("content/a.md", "---\ntitle: Broken\ndate: 2024-13-45\n---\n")
	d.waitBuilt("content/a.md")
	if lines, _ := d.errs.Load().([]string); len(lines) != 1 || !strings.Contains(lines[0], "content/a.md:3:7") {
		t.Fatalf("errors = %q", lines)
	}
	if _, body := d.get("2024/01/01/a/"); !strings.Contains(body, "Good") {
		t.Fatal("the last good build is not served")
	}
	d.write("content/a.md", article("Fixed", "2024-01-01", "Text."))
	d.until("2024/01/01/a/", "the fix", has("Fixed"))
}

// events reads the event stream of the server into a channel of "name data" lines.
func (d *dev) events() <-chan string {
	resp, err := http.Get(d.url + "_dateline/events")
	if err != nil {
		d.t.Fatal(err)
	}
	d.t.Cleanup(func() { resp.Body.Close() })
	out := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			switch line := sc.Text(); {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

func next(t *testing.T, events <-chan string) string {
	t.Helper()
	select {
	case e := <-events:
		return e
	case <-time.After(60 * time.Second):
		t.Fatal("no event within a minute")
		return ""
	}
}

func TestPagesAreToldToReloadSwapStylesOrShowErrors(t *testing.T) {
	d := startDev(t, map[string]string{"content/a.md": article("A", "2024-01-01", "Text.")})
	if _, body := d.get("2024/01/01/a/"); !strings.Contains(body, `<script src="/_dateline/reload.js"></script></body>`) {
		t.Fatal("served pages do not carry the reload script")
	}
	events := d.events()
	d.write("content/a.md", article("A2", "2024-01-01", "Text."))
	if e := next(t, events); e != `reload ""` {
		t.Errorf("after an edit: %s", e)
	}
	d.write("static/css/site.css", "body{}")
	if e := next(t, events); e != `css ["css/site.css"]` {
		t.Errorf("after a stylesheet change: %s", e)
	}
	d.write("content/a.md", "---\ntitle: x\n---\n")
	if e := next(t, events); !strings.HasPrefix(e, `problem ["content/a.md:1:1: front matter: missing date`) {
		t.Errorf("after a broken edit: %s", e)
	}
	// A page opened now sees the problem at once.
	late := d.events()
	if e := next(t, late); !strings.HasPrefix(e, "problem ") {
		t.Errorf("a page opened during the error got %s", e)
	}
	d.write("content/a.md", article("A3", "2024-01-01", "Text."))
	if e := next(t, events); e != `reload ""` {
		t.Errorf("after the fix: %s", e)
	}
}

// TestManyRapidChangesEndAsACleanBuild makes 500 quick edits, saves, renames, deletes
// and new files, then checks that the served site is byte for byte a clean build of the
// files that are left.
func TestManyRapidChangesEndAsACleanBuild(t *testing.T) {
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("content/2024/s%02d.md", i)] = article(fmt.Sprintf("Story %d", i), fmt.Sprintf("2024-02-%02d", 1+i%28), "Body.")
	}
	d := startDev(t, files)
	r := rand.New(rand.NewPCG(7, 7))
	names := func() []string {
		m, _ := filepath.Glob(filepath.Join(d.dir, "content/2024/*.md"))
		return m
	}
	for op := range 500 {
		list := names()
		pick := list[r.IntN(len(list))]
		switch r.IntN(5) {
		case 0: // edit in place
			os.WriteFile(pick, []byte(article(fmt.Sprintf("Edit %d", op), "2024-03-01", fmt.Sprintf("Op %d.", op))), 0o644)
		case 1: // save through a temporary file
			tmp := pick + "~"
			os.WriteFile(tmp, []byte(article(fmt.Sprintf("Saved %d", op), "2024-03-02", "Saved.")), 0o644)
			os.Rename(tmp, pick)
		case 2: // rename
			os.Rename(pick, filepath.Join(d.dir, "content/2024", fmt.Sprintf("r%03d.md", op)))
		case 3: // delete, keeping a few articles
			if len(list) > 5 {
				os.Remove(pick)
			}
		case 4: // a new article, sometimes with a new topic
			d.write(fmt.Sprintf("content/2024/n%03d.md", op), fmt.Sprintf("---\ntitle: New %d\ndate: 2024-04-%02d\ntopics: [Topic %d]\n---\nNew.\n", op, 1+op%28, op%7))
		}
		if r.IntN(3) == 0 { // now and then a pause, so rebuilds run while files change
			time.Sleep(time.Duration(r.IntN(25)) * time.Millisecond)
		}
		if op%100 == 50 { // and surely a few: wait for this change to be built
			d.write(fmt.Sprintf("content/2024/mark-%d.txt", op), "mark")
			d.waitBuilt(fmt.Sprintf("content/2024/mark-%d.txt", op))
		}
	}
	// The last change, built: everything before it is.
	d.write("content/2024/last.txt", "last")
	d.waitBuilt("content/2024/last.txt")
	last := d.builds.Load()
	if lines, _ := d.errs.Load().([]string); len(lines) > 0 {
		t.Fatalf("the last rebuild failed: %v", lines)
	}
	mem := output.NewMemory()
	if _, err := site.Build(context.Background(), site.Options{Source: d.dir, BaseURL: d.url}, mem); err != nil {
		t.Fatal(err)
	}
	served, clean := d.server.Live.Files(), mem.Files()
	for name, want := range clean {
		if got, ok := served[name]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s differs from a clean build (served: %v)", name, ok)
		}
	}
	for name := range served {
		if _, ok := clean[name]; !ok {
			t.Errorf("%s is served but not in a clean build", name)
		}
	}
	t.Logf("%d rebuilds for 500 changes; %d files", last, len(clean))
}
