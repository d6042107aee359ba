package search

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
)

// build indexes docs (id = position) and returns every file, decompressed.
func build(t *testing.T, docs []Fields, spillAt int, order []int) map[string][]byte {
	t.Helper()
	an, _ := NewAnalyzer("en")
	ix := NewIndexer(an, len(docs))
	if spillAt > 0 {
		ix.spillAt = spillAt
	}
	return buildWith(t, an, ix, docs, order)
}

// buildWith indexes docs with ix, in order (nil for by id).
func buildWith(t *testing.T, an *Analyzer, ix *Indexer, docs []Fields, order []int) map[string][]byte {
	t.Helper()
	if order == nil {
		for i := range docs {
			order = append(order, i)
		}
	}
	for _, i := range order {
		if err := ix.Add(int32(i), an.Analyze(docs[i], nil)); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	files := map[string][]byte{}
	err := ix.Finish(context.Background(), Meta{}, func(name string, data []byte) error {
		{
			var err error
			if data, err = io.ReadAll(flate.NewReader(bytes.NewReader(data))); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		mu.Lock()
		files[name] = bytes.Clone(data)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

type meta struct {
	Shards uint32 `json:"shards"`
	Split  []string
}

// lookup finds a key in the dictionary as the script does.
func lookup(t *testing.T, files map[string][]byte, key string) (string, int, bool) {
	t.Helper()
	var m meta
	if err := json.Unmarshal(files["meta.z"], &m); err != nil {
		t.Fatal(err)
	}
	n := 2
	p := dictKey(key, n)
	for slices.Contains(m.Split, p) && len(key) > len(p) {
		n++
		p = dictKey(key, n)
	}
	var dict map[string][2]any
	data, ok := files["w/"+hex.EncodeToString([]byte(p))+".z"]
	if !ok {
		return "", 0, false
	}
	if err := json.Unmarshal(data, &dict); err != nil {
		t.Fatal(err)
	}
	e, ok := dict[key]
	if !ok {
		return "", 0, false
	}
	return e[0].(string), int(e[1].(float64)), true
}

// postings reads a term's list as the script does: its df, and its documents with
// their weights.
func postings(t *testing.T, files map[string][]byte, term string) (df int, ids []int, ws []int) {
	t.Helper()
	var m meta
	json.Unmarshal(files["meta.z"], &m)
	ix := &Indexer{shards: m.Shards}
	shard := ix.shard(term)
	r := reader{s: string(files[fmt.Sprintf("s/%d.z", shard)])}
	for r.s != "" && r.ok() {
		name := r.str()
		kind := r.s[0]
		r.s = r.s[1:]
		df = r.int()
		list := &r
		if kind >= kindScoredFile {
			f := r.int()
			list = &reader{s: string(files[fmt.Sprintf("t/%d-%d.z", shard, f)])}
		}
		count, id := list.int(), 0
		ids, ws = nil, nil
		for range count {
			id += list.int()
			ids = append(ids, id)
			if kind == kindScored || kind == kindScoredFile {
				ws = append(ws, int(list.s[0]))
				list.s = list.s[2:]
			}
		}
		if name == term {
			return df, ids, ws
		}
	}
	if !r.ok() {
		t.Fatalf("shard %d is damaged", shard)
	}
	return 0, nil, nil
}

func keys(text string) []string {
	var out []string
	Words(text, func(k []byte) { out = append(out, string(k)) })
	return out
}

func TestWordsFoldCaseDiacriticsAndApostrophes(t *testing.T) {
	got := keys("Peña NIETO’s co-op Ærø straße, l'été 2024! ")
	want := []string{"pena", "nietos", "co", "op", "aero", "strasse", "lete", "2024"}
	if !slices.Equal(got, want) {
		t.Errorf("keys = %q, want %q", got, want)
	}
}

func TestAnUnaccentedQueryFindsTheAccentedName(t *testing.T) {
	files := build(t, []Fields{{Headline: "Peña wins the runoff"}, {Headline: "Pena Blanca dam"}}, 0, nil)
	stem, df, ok := lookup(t, files, "pena")
	if !ok || df != 2 {
		t.Fatalf("pena: %q %d %v", stem, df, ok)
	}
	if _, ids, _ := postings(t, files, stem); !slices.Equal(ids, []int{0, 1}) {
		t.Errorf("pena finds %v", ids)
	}
}

func TestWordFormsShareTheirStemsPostings(t *testing.T) {
	files := build(t, []Fields{{Body: []byte("<p>Water rights were argued.</p>")}, {Headline: "A right to water"}}, 0, nil)
	s1, _, ok1 := lookup(t, files, "rights")
	s2, _, ok2 := lookup(t, files, "right")
	if !ok1 || !ok2 || s1 != s2 {
		t.Fatalf("rights → %q, right → %q", s1, s2)
	}
	_, ids, ws := postings(t, files, s1)
	if !slices.Equal(ids, []int{0, 1}) || ws[1] != weightHeadline|headlineBit || ws[0] != weightBody {
		t.Errorf("right: ids %v weights %v", ids, ws)
	}
	if _, _, ok := lookup(t, files, "were"); !ok {
		t.Error("a word that is not a stopword is missing")
	}
	if _, _, ok := lookup(t, files, "the"); ok {
		t.Error("a stopword is in the dictionary")
	}
}

func TestPhrasesAreIndexedAsBiwordsOfStemsSkippingStopwords(t *testing.T) {
	files := build(t, []Fields{{Headline: "Water rights"}, {Headline: "Rights to water"}, {Body: []byte("<p>State of the union</p>")},
		{Headline: "Water", Dek: "rights"}}, 0, nil)
	if _, ids, _ := postings(t, files, "water right"); !slices.Equal(ids, []int{0}) {
		t.Errorf("water right: %v (a phrase may not span two fields)", ids)
	}
	if _, ids, _ := postings(t, files, "right water"); !slices.Equal(ids, []int{1}) {
		t.Errorf("right water: %v", ids)
	}
	if _, ids, _ := postings(t, files, "state union"); !slices.Equal(ids, []int{2}) {
		t.Errorf("state union: %v", ids)
	}
	for _, term := range []string{"right to", "of the", "the union"} {
		if df, _, _ := postings(t, files, term); df != 0 {
			t.Errorf("a stopword made the biword %q", term)
		}
	}
}

func TestFiltersListEveryDocumentOfATopic(t *testing.T) {
	var docs []Fields
	for i := range 5000 {
		f := Fields{Headline: fmt.Sprint("Story ", i)}
		if i%2 == 0 {
			f.Filters = []string{FilterTerm("topic", "water")}
		}
		docs = append(docs, f)
	}
	df, ids, _ := postings(t, build(t, docs, 0, nil), "#topic:water")
	if df != 2500 || len(ids) != 2500 || ids[1] != 2 {
		t.Errorf("df %d, %d ids", df, len(ids))
	}
}

func TestACommonWordKeepsOnlyItsBestPostings(t *testing.T) {
	var docs []Fields
	for i := range MaxPostings + 500 {
		f := Fields{Body: []byte("<p>" + strings.Repeat("filler words here ", 20) + "water</p>")}
		if i%100 == 7 {
			f.Headline = "Water"
		}
		docs = append(docs, f)
	}
	df, ids, _ := postings(t, build(t, docs, 0, nil), "water")
	if df != len(docs) || len(ids) != MaxPostings {
		t.Fatalf("df %d, %d postings", df, len(ids))
	}
	for i := 7; i < len(docs); i += 100 {
		if _, found := slices.BinarySearch(ids, i); !found {
			t.Errorf("document %d, with water in its headline, was dropped", i)
		}
	}
}

func TestTheIndexIsTheSameSpilledOrHeldAndInAnyOrder(t *testing.T) {
	var docs []Fields
	for i := range 300 {
		docs = append(docs, Fields{Headline: fmt.Sprintf("Council %d votes on water", i%17),
			Body: []byte(fmt.Sprintf("<p>The vote %d was close; <em>residents</em> of ward %d spoke.</p>", i, i%9)), Filters: []string{FilterTerm("author", fmt.Sprint(i%5))}})
	}
	held := build(t, docs, 0, nil)
	var reverse []int
	for i := len(docs) - 1; i >= 0; i-- {
		reverse = append(reverse, i)
	}
	spilled := build(t, docs, 64, reverse)
	if !maps.EqualFunc(held, spilled, bytes.Equal) {
		t.Error("the index differs when spilled and added in another order")
	}
}

func TestTheIndexIsTheSameWrittenInPasses(t *testing.T) {
	var docs []Fields
	for i := range 300 {
		docs = append(docs, Fields{Headline: fmt.Sprintf("Council %d votes on water", i%17),
			Body: []byte(fmt.Sprintf("<p>The vote %d was close; <em>residents</em> of ward %d spoke.</p>", i, i%9)), Filters: []string{FilterTerm("author", fmt.Sprint(i%5))}})
	}
	an, _ := NewAnalyzer("en")
	// An archive's worth of shards, so that each partition has several.
	oneGo := buildWith(t, an, NewIndexer(an, 100_000), docs, nil)
	ix := NewIndexer(an, 100_000)
	ix.passMemory = 1
	if n := int(ix.shards) / len(ix.parts); n < 8 {
		t.Fatalf("%d shards in a partition: too few to test passes", n)
	}
	passes := buildWith(t, an, ix, docs, nil)
	if !maps.EqualFunc(oneGo, passes, bytes.Equal) {
		t.Error("the index differs when partitions are written in passes")
	}
	if len(oneGo) < 100 {
		t.Errorf("only %d files", len(oneGo))
	}
}

func TestADamagedDocumentIsAnError(t *testing.T) {
	an, _ := NewAnalyzer("en")
	d := an.Analyze(Fields{Headline: "A headline", Filters: []string{"#topic:x"}}, nil)
	ix := NewIndexer(an, 1)
	defer ix.Close()
	for n := range len(d) {
		if err := ix.Add(0, d[:n]); err == nil {
			t.Errorf("a document cut at %d of %d bytes was taken", n, len(d))
		}
	}
}

func TestTheLanguagePicksTheStemmer(t *testing.T) {
	en, ok := NewAnalyzer("en-US")
	es, ok2 := NewAnalyzer("es")
	none, ok3 := NewAnalyzer("xx")
	if !ok || !ok2 || ok3 {
		t.Fatal("stemmers by language are wrong")
	}
	if en.Stem("running") != "run" || es.Stem("corriendo") != "corr" || none.Stem("running") != "running" {
		t.Errorf("stems: %q %q %q", en.Stem("running"), es.Stem("corriendo"), none.Stem("running"))
	}
}
