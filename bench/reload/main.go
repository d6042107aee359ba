// Command reload measures how long dateline serve takes to show a change: from an
// article file being saved (written and closed) to the reload event reaching an open
// page over Server-Sent Events. It runs the scenarios of ../shared/bench/hugo_watch.py,
// which measures Hugo's server the same way up to its output on disk:
//
//	edit  append a new paragraph to one article's body
//	new   add an article dated now, which lands on the front page
//	tag   give an existing article a brand-new tag, which adds a term page
//
// It prints the median, minimum and maximum milliseconds of each. The site folder is
// changed: give it a copy.
//
//	go build -o /tmp/dateline ./cmd/dateline
//	go run ./bench/gencorpus -n 10000 -out /tmp/reload-site
//	go run ./bench/reload -dateline /tmp/dateline -site /tmp/reload-site -reps 20
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	bin := flag.String("dateline", "dateline", "the dateline `binary`")
	site := flag.String("site", "", "the site `folder` (a copy: it is changed)")
	reps := flag.Int("reps", 20, "runs of each scenario")
	port := flag.Int("port", 13232, "the port to serve on")
	flag.Parse()
	if err := run(*bin, *site, *reps, *port); err != nil {
		log.Fatal(err)
	}
}

func run(bin, site string, reps, port int) error {
	srv := exec.Command(bin, "serve", "--source", site, "--port", fmt.Sprint(port))
	stdout, _ := srv.StdoutPipe()
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		return err
	}
	defer srv.Process.Kill()
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		fmt.Println("#", lines.Text())
		if strings.HasPrefix(lines.Text(), "Serving at") {
			break
		}
	}
	took := make(chan float64, 1024)
	go func() {
		for lines.Scan() {
			if _, after, ok := strings.Cut(lines.Text(), " removed in "); ok {
				if d, err := time.ParseDuration(after); err == nil {
					took <- float64(d.Microseconds()) / 1000
				}
			}
		}
	}()
	events, err := listen(fmt.Sprintf("http://127.0.0.1:%d/_dateline/events", port))
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(site, "content", "articles", "*", "*.md"))
	if err != nil || len(files) < 3 {
		return fmt.Errorf("no articles under %s/content/articles", site)
	}
	slices.Sort(files)
	scenarios := []struct {
		name string
		do   func(i int) error
	}{
		{"edit", func(i int) error {
			return appendTo(files[len(files)/2], fmt.Sprintf("\nA new paragraph, number %d.\n", i))
		}},
		{"new", func(i int) error { return newArticle(site, i) }},
		{"tag", func(i int) error { return retag(files[len(files)/3], i) }},
	}
	for _, sc := range scenarios {
		var ms, rebuild []float64
		for i := range reps {
			drain(events)
			for len(took) > 0 {
				<-took
			}
			start := time.Now()
			if err := sc.do(i); err != nil {
				return err
			}
			select {
			case <-events:
				ms = append(ms, float64(time.Since(start).Microseconds())/1000)
			case <-time.After(30 * time.Second):
				return fmt.Errorf("%s: no reload within 30s", sc.name)
			}
			time.Sleep(100 * time.Millisecond) // let the server settle between saves
			for len(took) > 0 {
				rebuild = append(rebuild, <-took)
			}
		}
		slices.Sort(ms)
		slices.Sort(rebuild)
		fmt.Printf("%-5s reps %d  median %.1f ms  min %.1f  max %.1f  (rebuild alone: median %.1f ms)\n",
			sc.name, reps, ms[len(ms)/2], ms[0], ms[len(ms)-1], median(rebuild))
	}
	return nil
}

// listen opens the event stream and delivers each reload event.
func listen(url string) (<-chan struct{}, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	out := make(chan struct{}, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				out <- struct{}{}
			}
		}
	}()
	return out, nil
}

func drain(c <-chan struct{}) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

func appendTo(file, text string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func newArticle(site string, i int) error {
	now := time.Now().Add(-time.Minute).UTC()
	p := filepath.Join(site, "content", "articles", now.Format("2006"), fmt.Sprintf("reload-bench-%d.md", i))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	text := fmt.Sprintf("---\ntitle: \"Breaking news %d\"\ndate: %s\nauthors: [\"Bench Reporter\"]\ntags: [\"Water policy\"]\n---\n\nIt happened today.\n",
		i, now.Format(time.RFC3339))
	return os.WriteFile(p, []byte(text), 0o644)
}

func retag(file string, i int) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text := strings.Replace(string(data), "tags: [", fmt.Sprintf("tags: [\"Brand new tag %d\", ", i), 1)
	return os.WriteFile(file, []byte(text), 0o644)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)/2]
}
