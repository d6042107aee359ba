// Command limits builds one-article sites with pathological articles and reports, for
// each, what dateline did (built, or the error it gave), how long it took and its peak
// memory, measured with GNU time. The README's limits section comes from its output.
//
//	go build -o /tmp/dateline ./cmd/dateline
//	go run ./bench/limits -dateline /tmp/dateline
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const head = "---\ntitle: Limits\ndate: 2024-01-01\n"

// cases are the pathological articles, as front matter fields and a body.
var cases = []struct {
	name  string
	front string
	body  func() string
}{
	{"a 50 MB article", "", func() string { return strings.Repeat("Words of a very long article. ", 50<<20/30) }},
	{"a 15 MB article (just under the limit)", "", func() string {
		return strings.Repeat("A paragraph of an article, long but ordinary.\n\n", 15<<20/48)
	}},
	{"a line of 10 MB", "", func() string { return strings.Repeat("word ", 10<<20/5) + "\n" }},
	{"a list nested 10,000 deep", "", func() string { return strings.Repeat("- ", 10_000) + "item\n" }},
	{"a quote nested 10,000 deep", "", func() string { return strings.Repeat(">", 10_000) + " deep\n" }},
	{"100,000 terms on one article", "topics: [" + terms(100_000) + "]\n", func() string { return "Body.\n" }},
	{"front matter aliases expanding to 10^7 values", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
		"g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n", func() string { return "Body.\n" }},
}

func terms(n int) string {
	t := make([]string, n)
	for i := range t {
		t[i] = fmt.Sprintf("term %d", i)
	}
	return strings.Join(t, ", ")
}

func main() {
	bin := flag.String("dateline", "dateline", "the dateline `binary`")
	flag.Parse()
	fmt.Println("| article | result | time | peak memory |")
	fmt.Println("|---|---|---|---|")
	for _, c := range cases {
		dir, err := os.MkdirTemp("", "dateline-limits-")
		if err != nil {
			log.Fatal(err)
		}
		p := filepath.Join(dir, "content", "a.md")
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(head+c.front+"---\n"+c.body()), 0o644); err != nil {
			log.Fatal(err)
		}
		cmd := exec.Command("/usr/bin/time", "-f", "TIME %e %M", *bin, "build", "--source", dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err = cmd.Run()
		result := "built"
		var secs float64
		var kb int
		for _, line := range strings.Split(stderr.String(), "\n") {
			if strings.HasPrefix(line, "TIME ") {
				fmt.Sscanf(line, "TIME %f %d", &secs, &kb)
			} else if strings.HasPrefix(line, "content/") && result == "built" {
				result = "error: " + strings.TrimPrefix(line, "content/a.md:")
			}
		}
		if err != nil && result == "built" {
			result = "failed: " + err.Error()
		}
		fmt.Printf("| %s | %s | %.2f s | %d MB |\n", c.name, result, secs, kb/1024)
		os.RemoveAll(dir)
	}
}
