// Package sitetest builds whole sites for tests: a site written as a txtar archive is
// built in memory, and the test asserts on the files it produced. Tests then read like
// the site they describe.
package sitetest

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"dateline/internal/output"
	"dateline/internal/site"
)

// Now is the build time of test builds, so that embargoes and output do not depend on
// the day the test runs.
var Now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// FS returns the files of a txtar archive as a file system.
func FS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: bytes.Clone(f.Data), Mode: 0o644} // own bytes, so a test may append
	}
	return fsys
}

// Result is a finished test build.
type Result struct {
	Files map[string][]byte
	Stats *site.Stats
	Err   error
}

// Build builds the site in archive with opts; opts.FS and a zero opts.Now are filled in.
func Build(t testing.TB, archive string, opts site.Options) *Result {
	t.Helper()
	opts.FS = FS(archive)
	return BuildFS(t, opts)
}

// BuildFS builds the site in opts.FS.
func BuildFS(t testing.TB, opts site.Options) *Result {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = Now
	}
	mem := output.NewMemory()
	stats, err := site.Build(context.Background(), opts, mem)
	return &Result{Files: mem.Files(), Stats: stats, Err: err}
}

// OK fails the test if the build failed, and returns the result.
func (r *Result) OK(t testing.TB) *Result {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("build failed:\n%v", r.Err)
	}
	return r
}

// File returns a file of the output, failing the test when it is missing.
func (r *Result) File(t testing.TB, name string) string {
	t.Helper()
	data, ok := r.Files[name]
	if !ok {
		t.Fatalf("no file %s in the output; it has:\n%s", name, strings.Join(r.Names(), "\n"))
	}
	return string(data)
}

// Names lists the output files, sorted.
func (r *Result) Names() []string {
	mem := output.NewMemory()
	for k, v := range r.Files {
		mem.Write(k, v)
	}
	return mem.Names()
}

// Doc parses an HTML file of the output.
func (r *Result) Doc(t testing.TB, name string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(r.File(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// FindAll returns the elements of doc with the tag name for which match (nil: all) is true.
func FindAll(doc *html.Node, tag string, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag && (match == nil || match(n)) {
			out = append(out, n)
		}
	}
	return out
}

// Attr returns an attribute of n, or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Text returns the text inside n.
func Text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Missing skips the test for a tool that is not installed, naming how to install it; under
// CI=true it fails instead, so CI cannot pass by skipping.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	msg := what + " not found; install it with: " + install
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
