package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"dateline/internal/content"
	"dateline/internal/output"
)

// TestStoreRoundTripsThroughManyFrames writes a store of more records than a batch of
// chunks holds, in every part (articles, outputs, spare), and reads back exactly what was
// written, excerpts included; a store cut short is refused.
func TestStoreRoundTripsThroughManyFrames(t *testing.T) {
	n := chunkSize*frameBatch + 7
	st := &Store{Key: 42, Dest: "/out", SpareID: 7, Articles: map[string]Article{},
		Outputs: map[string]Output{}, Spare: map[string]Output{}}
	excerpts := map[int]string{}
	for i := range n {
		p := fmt.Sprintf("content/%d.md", i)
		a := &content.Article{Path: p, Title: fmt.Sprint("Title ", i), Date: time.Unix(int64(i)*3600, 0).UTC(),
			Terms: [][]string{{"Water"}, nil}, Lines: content.Lines{Terms: []content.Pos{{Line: 3, Col: 4}, {}}}, Extra: content.NoExtra}
		if i%3 == 0 {
			a.Own().Dateline, a.Own().Aliases, a.Own().Params = "SANTA FE", []string{"/old/"}, map[string]any{"series": "Dry"}
		}
		st.Articles[p] = Article{Version: content.Version{Size: int64(i), ModTime: 9}, Article: a, Outputs: []string{"x.jpg"}, Position: i}
		excerpts[i] = fmt.Sprint("Excerpt ", i)
		st.Outputs[fmt.Sprint(i, "/index.html")] = Output{Sig: uint64(i), Hash: uint64(i) * 3, Stamp: output.Stamp{Size: 1, ModTime: int64(i)}}
		if i%2 == 0 {
			st.Spare[fmt.Sprint(i, "/index.html")] = Output{Hash: uint64(i)}
		}
	}
	dir := t.TempDir()
	if err := writeStore(dir, st, allOf(st.Articles), func(i int) (string, error) { return excerpts[i], nil }); err != nil {
		t.Fatal(err)
	}
	got, err := readStore(filepath.Join(dir, storeFile))
	if err != nil {
		t.Fatal(err)
	}
	if got.Key != st.Key || got.Dest != st.Dest || got.SpareID != st.SpareID {
		t.Errorf("header: got %d %q %d", got.Key, got.Dest, got.SpareID)
	}
	if !reflect.DeepEqual(got.Outputs, st.Outputs) || !reflect.DeepEqual(got.Spare, st.Spare) {
		t.Errorf("outputs or spare differ: %d and %d read, %d and %d written", len(got.Outputs), len(got.Spare), len(st.Outputs), len(st.Spare))
	}
	if len(got.Articles) != n {
		t.Fatalf("%d articles read, %d written", len(got.Articles), n)
	}
	for p, sa := range st.Articles {
		if sa.Article.Params == nil && sa.Article.Dateline != "" {
			t.Fatalf("%s: saving the store dropped the article's own Params", p)
		}
		want := *sa.Article
		want.Excerpt = excerpts[sa.Position]
		if want.Params != nil {
			x := *want.Extra
			x.Params = nil // saved without: such articles are parsed again
			want.Extra = &x
		}
		g := got.Articles[p]
		if !reflect.DeepEqual(*g.Article.Shared(), want) || g.Version != sa.Version || !reflect.DeepEqual(g.Outputs, sa.Outputs) {
			t.Fatalf("%s: read %+v %+v, want %+v %+v", p, *g.Article, g.Article.Extra, want, want.Extra)
		}
	}

	data, err := os.ReadFile(filepath.Join(dir, storeFile))
	if err != nil {
		t.Fatal(err)
	}
	// Cut inside a frame, and at the end of every frame but the last: the header's counts
	// find what the frames alone would not.
	cuts := []int{len(data) * 2 / 3}
	for at := len(storeMagic); at < len(data); {
		size, n := binary.Uvarint(data[at:])
		if n <= 0 {
			t.Fatalf("no frame at byte %d", at)
		}
		at += n + int(size)
		if at < len(data) {
			cuts = append(cuts, at)
		}
	}
	if len(cuts) < 4 {
		t.Fatalf("the store has %d frames", len(cuts))
	}
	short := filepath.Join(dir, "short.store")
	for _, cut := range cuts {
		if err := os.WriteFile(short, data[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readStore(short); err == nil {
			t.Errorf("a store cut to %d of %d bytes was read without error", cut, len(data))
		}
	}
}

// fill sets every exported field of v, all the way down, to a value that is not its
// zero value and differs from every other, so that a field the codec drops or mixes up
// shows. Maps (an article's Params, which the store leaves out) stay nil; a kind of
// field the codec has never met fails the test, to be taught to both.
func fill(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprint("s", *n))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint64:
		v.SetUint(uint64(*n) << 40)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Map:
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(t, p.Elem(), n)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(int64(*n)*86400*400-1e11, int64(*n)).UTC()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, v.Field(i), n)
			}
		}
	default:
		t.Fatalf("the store has no encoding for a %s (%s)", v.Kind(), v.Type())
	}
}

// TestCodecRoundTripsEveryField writes an article with every field set, and one with
// none of the rarer ones, and reads both back as they were.
func TestCodecRoundTripsEveryField(t *testing.T) {
	var n int
	full := &content.Article{}
	fill(t, reflect.ValueOf(full).Elem(), &n)
	if full.Extra == nil || full.Extra.Params != nil || full.Date.Year() >= 1970 {
		t.Fatalf("fill left the article without its rarer fields, or gave it Params, or no date before 1970: %+v", full)
	}
	plain := &content.Article{Path: "content/plain.md", Title: "Plain", Date: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), Extra: content.NoExtra}
	for _, sa := range []Article{
		{Version: content.Version{Size: 5, ModTime: -7}, Article: full, Params: true, Outputs: []string{"a.jpg", "b.png"}},
		{Version: content.Version{Size: 1 << 40, ModTime: 1e18}, Article: plain},
	} {
		var e encoder
		e.article(sa)
		d := &decoder{b: e.b}
		got := d.article()
		if d.err != nil || len(d.b) != 0 {
			t.Fatalf("%s: read back with %v and %d bytes left over", sa.Article.Path, d.err, len(d.b))
		}
		if got.Path != sa.Article.Path || got.Article.Version != sa.Version || got.Article.Params != sa.Params || !reflect.DeepEqual(got.Article.Outputs, sa.Outputs) {
			t.Errorf("%s: the record reads back as %q %+v", sa.Article.Path, got.Path, got.Article)
		}
		if a := got.Article.Article.Shared(); !reflect.DeepEqual(a, sa.Article) {
			t.Errorf("%s: read back\n%+v %+v\nwant\n%+v %+v", sa.Article.Path, a, a.Extra, sa.Article, sa.Article.Extra)
		}
		for cut := range len(e.b) {
			d := &decoder{b: e.b[:cut]}
			if d.article(); d.err == nil {
				t.Fatalf("%s: a record cut to %d of %d bytes read without error", sa.Article.Path, cut, len(e.b))
			}
		}
	}
}

// FuzzDecodeStore reads arbitrary bytes as a store: it must refuse or read them, never
// panic (every length is checked against the bytes left before anything is made for it),
// and what it reads must write and read back the same.
func FuzzDecodeStore(f *testing.F) {
	st := &Store{Key: 1, Dest: "/out", SpareID: 2, Articles: map[string]Article{},
		Outputs: map[string]Output{"index.html": {Sig: 3, Hash: 4, Stamp: output.Stamp{Size: 5, ModTime: 6}}},
		Spare:   map[string]Output{"a/index.html": {Hash: 7}}}
	a := &content.Article{Path: "content/a.md", Title: "A", Date: time.Unix(1e9, 0).UTC(), Terms: [][]string{{"Water"}}, Extra: content.NoExtra}
	a.Own().Aliases = []string{"/old/"}
	st.Articles[a.Path] = Article{Article: a, Outputs: []string{"x.jpg"}}
	var buf bytes.Buffer
	if err := encodeStore(&buf, st, allOf(st.Articles), func(int) (string, error) { return "An excerpt.", nil }); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Add([]byte(storeMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := decodeStore(bufio.NewReader(bytes.NewReader(data)), int64(len(data)))
		if err != nil {
			return
		}
		var again bytes.Buffer
		excerpts := map[int]string{}
		i := 0
		for p, sa := range st.Articles {
			excerpts[i], sa.Position = sa.Article.Excerpt, i
			st.Articles[p] = sa
			i++
		}
		if err := encodeStore(&again, st, allOf(st.Articles), func(i int) (string, error) { return excerpts[i], nil }); err != nil {
			t.Fatal(err)
		}
		back, err := decodeStore(bufio.NewReader(&again), int64(again.Len()))
		if err != nil {
			t.Fatalf("a store read from the input does not read back: %v", err)
		}
		if !reflect.DeepEqual(back.Outputs, st.Outputs) || !reflect.DeepEqual(back.Spare, st.Spare) || len(back.Articles) != len(st.Articles) {
			t.Fatalf("a store read from the input reads back otherwise")
		}
		for p, sa := range st.Articles {
			if b := back.Articles[p]; !reflect.DeepEqual(b.Article, sa.Article) || b.Version != sa.Version || !reflect.DeepEqual(b.Outputs, sa.Outputs) {
				t.Fatalf("%q reads back as %+v, want %+v", p, b.Article, sa.Article)
			}
		}
	})
}

// TestMinimalRecordsAreAsSmallAsTheDecoderAllows writes the emptiest article and output
// records there can be: the decoder refuses counts of more records than bytes left at
// these sizes, so records that took less would be refused in a valid store.
func TestMinimalRecordsAreAsSmallAsTheDecoderAllows(t *testing.T) {
	var a, o encoder
	a.article(Article{Article: &content.Article{}})
	o.output("", Output{})
	if len(a.b) != minArticleRecord || len(o.b) != minOutputRecord {
		t.Errorf("the emptiest records take %d and %d bytes; the decoder assumes %d and %d", len(a.b), len(o.b), minArticleRecord, minOutputRecord)
	}
}
