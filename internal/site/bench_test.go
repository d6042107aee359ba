package site

import (
	"context"
	"flag"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"dateline/internal/archive"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/corpus"
	"dateline/internal/markdown"
)

// The stage benchmarks run on a generated corpus held in memory, so that they measure
// dateline and not the disk: go test -bench . -corpus 10000 ./internal/site
var corpusSize = flag.Int("corpus", 2000, "articles in the benchmark corpus")

var (
	benchOnce sync.Once
	benchFS   fstest.MapFS
)

func benchSite(b *testing.B) fstest.MapFS {
	benchOnce.Do(func() {
		benchFS = fstest.MapFS{}
		corpus.Generate(*corpusSize, 1, func(name string, text []byte) error {
			benchFS[name] = &fstest.MapFile{Data: text}
			return nil
		})
	})
	return benchFS
}

// discard is a Sink that drops what it is given.
type discard struct{}

func (discard) Write(string, []byte) error { return nil }

func benchLoad(b *testing.B) (*config.Config, *content.Set) {
	cfg := config.Default()
	set, err := content.Load(context.Background(), cfg, benchSite(b), content.Options{Now: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	return cfg, set
}

func BenchmarkLoad(b *testing.B) {
	benchSite(b)
	for b.Loop() {
		benchLoad(b)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(*corpusSize), "µs/article")
}

func BenchmarkArchive(b *testing.B) {
	cfg, set := benchLoad(b)
	for b.Loop() {
		archive.Build(cfg, set.Articles)
	}
}

func BenchmarkConvert(b *testing.B) {
	_, set := benchLoad(b)
	md := markdown.New(markdown.Options{})
	var bodies [][]byte
	for _, a := range set.Articles[:min(len(set.Articles), 500)] {
		body, err := set.Body(a)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := md.Convert(bodies[i%len(bodies)], markdown.Document{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlan(b *testing.B) {
	bl, err := start(context.Background(), Options{FS: benchSite(b)}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := bl.plan(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	fsys := benchSite(b)
	for b.Loop() {
		if _, err := Build(context.Background(), Options{FS: fsys}, discard{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(*corpusSize), "µs/article")
}

func BenchmarkLiveEdit(b *testing.B) {
	fsys := benchSite(b)
	l, _, err := Start(context.Background(), Options{FS: fsys})
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for n := range fsys {
		if strings.HasPrefix(n, "content/") && strings.HasSuffix(n, ".md") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	name := names[len(names)/2] // an article in the middle of the archive, the same each run
	original := fsys[name].Data
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		fsys[name] = &fstest.MapFile{Data: append(append([]byte(nil), original...), []byte("\n\nEdit.\n")[:i%2*8]...)}
		if _, err := l.Update(context.Background(), []string{name}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender renders article pages, with a short body, and nothing else: the cost of
// the templates.
func BenchmarkRender(b *testing.B) {
	bl, err := start(context.Background(), Options{FS: benchSite(b)}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	body := []byte("<p>A body.</p>\n")
	n := len(bl.arch.Articles)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		err := bl.render.Render("article", bl.views.ArticlePage(i%n, body), func([]byte) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}
