package search

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"dateline/internal/corpus"
	"dateline/internal/markdown"
)

// benchDocs are the fields of n generated articles, their bodies converted as a build
// converts them.
func benchDocs(b *testing.B, n int) []Fields {
	b.Helper()
	var docs []Fields
	conv := markdown.New(markdown.Options{})
	err := corpus.Generate(n, 1, func(name string, text []byte) error {
		_, rest, _ := bytes.Cut(text[3:], []byte("\n---\n"))
		f := Fields{Names: []string{"Water", "Jane Doe"}, Filters: []string{FilterTerm("topic", "water")}}
		for _, line := range strings.Split(string(text), "\n") {
			if t, ok := strings.CutPrefix(line, "title: "); ok {
				f.Headline = strings.Trim(t, `"`)
			}
		}
		res, err := conv.Convert(rest, markdown.Document{})
		f.Body = res.HTML
		docs = append(docs, f)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkAnalyze measures making one article's document.
func BenchmarkAnalyze(b *testing.B) {
	docs := benchDocs(b, 1000)
	an, _ := NewAnalyzer("en")
	var buf []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		buf = an.Analyze(docs[i%len(docs)], buf[:0])
	}
}

// BenchmarkIndex measures adding 2,000 documents and writing the index, per document.
func BenchmarkIndex(b *testing.B) {
	docs := benchDocs(b, 2000)
	an, _ := NewAnalyzer("en")
	encoded := make([][]byte, len(docs))
	for i, d := range docs {
		encoded[i] = an.Analyze(d, nil)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ix := NewIndexer(an, len(docs))
		for i, d := range encoded {
			if err := ix.Add(int32(i), d); err != nil {
				b.Fatal(err)
			}
		}
		err := ix.Finish(context.Background(), Meta{}, func(string, []byte) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}
