package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzWords(f *testing.F) {
	for _, s := range []string{"Peña NIETO’s co-op", "l'été 2024", "Straße ÆØ", "''a'b'", "x’", "\xff\xfe", "İstanbul ΣΟΦΊΑ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var fromString, fromBytes []string
		words(text, nil, func(key []byte, _ uint64) { fromString = append(fromString, string(key)) })
		words([]byte(text), nil, func(key []byte, _ uint64) { fromBytes = append(fromBytes, string(key)) })
		if !slices.Equal(fromString, fromBytes) {
			t.Fatalf("the words of a string, %q, are not those of its bytes, %q", fromString, fromBytes)
		}
		Words(text, func(key []byte) {
			k := string(key)
			if k == "" || len(k) > maxKeyBytes {
				t.Fatalf("key %q of %d bytes", k, len(k))
			}
			if strings.ContainsAny(k, "'’ ") {
				t.Fatalf("key %q keeps a separator", k)
			}
			if utf8.ValidString(k) && Fold(k) != k {
				t.Fatalf("key %q folds again to %q", k, Fold(k))
			}
		})
	})
}

func FuzzDecodeDocument(f *testing.F) {
	an, _ := NewAnalyzer("en")
	f.Add(an.Analyze(Fields{Headline: "Water rights", Dek: "A dek", Names: []string{"Water"}, Body: []byte("<p>Body &amp; text</p><pre>code</pre>"),
		Filters: []string{FilterTerm("topic", "water")}}, nil))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		ix := NewIndexer(an, 2000) // two shards to a partition,
		ix.passMemory = 1          // written in two passes
		defer ix.Close()
		if ix.Add(0, data) != nil {
			return // an error or a document, never a panic
		}
		// A document Add takes is one the index can be written from.
		if err := ix.Finish(context.Background(), Meta{}, func(string, []byte) error { return nil }); err != nil {
			t.Fatalf("Add took a document that Finish cannot write: %v", err)
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	f.Add("Water rights", "<p>Body &amp; text of <em>the</em> story</p><pre>code</pre><p>Peña’s</p>")
	f.Add("", "<pre")
	an, _ := NewAnalyzer("en")
	f.Fuzz(func(t *testing.T, headline, body string) {
		d := an.Analyze(Fields{Headline: headline, Body: []byte(body), Filters: []string{FilterTerm("topic", headline)}}, nil)
		ix := NewIndexer(an, 1)
		defer ix.Close()
		if err := ix.Add(0, d); err != nil {
			t.Fatalf("an analysed document does not decode: %v", err)
		}
	})
}
