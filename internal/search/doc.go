package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"html"
	"slices"
	"strings"
)

// Fields are what an article gives the index.
type Fields struct {
	Headline string
	Dek      string
	Names    []string // of the topics, people, places and organizations it is filed under
	Body     []byte   // the converted HTML
	Filters  []string // filter terms: FilterTerm("topic", slug), FilterTerm("author", slug)
}

// FilterTerm is the term of a filter value: the documents of a topic or an author.
func FilterTerm(kind, slug string) string { return "#" + kind + ":" + slug }

// analysis is the state of analysing one document; Analyzer pools them, each with its own
// cache of stems, since most words of a document were seen in the one before.
type analysis struct {
	an      *Analyzer
	cache   wordTable      // by key, across documents
	gen     uint32         // the number of the document, for word.seen
	touched []*word        // the words of this document that are indexed
	words   map[string]int // stem → weighted frequency, made by encode
	phrases map[string]int // biword → weighted frequency
	length  int
	prev    string // the stem before, for biwords; "" at the start of a field
	pos     int    // words so far in the field
}

// word is a key that an analysis has seen, with its stem, and its weighted frequency in
// the document being analysed when seen is that document's number.
type word struct {
	key, stem string
	hash      uint64
	stop      bool
	seen      uint32
	w         int
}

const stemCacheMax = 1 << 16

func (an *Analyzer) analysis() *analysis {
	if s, ok := an.pool.Get().(*analysis); ok {
		return s
	}
	return &analysis{an: an, words: map[string]int{}, phrases: map[string]int{}}
}

// Analyze returns the document of an article's fields, encoded (see encode), appended to
// dst.
func (an *Analyzer) Analyze(f Fields, dst []byte) []byte {
	s := an.analysis()
	defer an.release(s)
	s.text(f.Headline, weightHeadline|inHeadline, true)
	s.text(f.Dek, weightDek, true)
	for _, n := range f.Names {
		s.text(n, weightTerms, false)
	}
	s.html(f.Body)
	return s.encode(dst, f.Filters)
}

func (an *Analyzer) release(s *analysis) {
	clear(s.words)
	clear(s.phrases)
	s.touched = s.touched[:0]
	s.gen++
	if s.cache.n > stemCacheMax {
		s.cache = wordTable{}
	}
	s.length, s.prev, s.pos = 0, "", 0
	an.pool.Put(s)
}

// text adds the words of one field, with biwords when phrases holds for it.
func (s *analysis) text(t string, weight int, phrases bool) {
	s.prev, s.pos = "", 0
	Words(t, func(key []byte) { s.word(key, weight, phrases) })
}

func (s *analysis) word(key []byte, weight int, phrases bool) {
	slot, h := s.cache.find(key)
	wd := *slot
	if wd == nil {
		k := string(key)
		wd = &word{key: k, hash: h, stem: s.an.Stem(k), stop: s.an.stop[k], seen: s.gen - 1}
		s.cache.insert(slot, wd)
	}
	s.length++
	s.pos++
	if wd.stop {
		return // in phrases too: "state of the union" pairs state with union
	}
	if wd.seen != s.gen {
		wd.seen, wd.w = s.gen, 0
		s.touched = append(s.touched, wd)
	}
	wd.w = add(wd.w, weight)
	if !phrases {
		s.prev = ""
		return
	}
	if s.prev != "" {
		k := s.prev + " " + wd.stem
		s.phrases[k] = add(s.phrases[k], weight)
	}
	s.prev = wd.stem
}

// html adds the words of a body: its text outside tags, without code blocks, phrases
// over the first PhraseWords words.
func (s *analysis) html(body []byte) {
	s.prev, s.pos = "", 0
	for len(body) > 0 {
		lt := bytes.IndexByte(body, '<')
		if lt < 0 {
			lt = len(body)
		}
		if lt > 0 {
			seg := string(body[:lt])
			if strings.IndexByte(seg, '&') >= 0 {
				seg = html.UnescapeString(seg)
			}
			Words(seg, func(key []byte) { s.word(key, weightBody, s.pos < PhraseWords) })
		}
		body = body[lt:]
		if len(body) == 0 {
			break
		}
		body = skipTag(body)
	}
}

// skipTag returns what follows the tag that b starts with, and, for a <pre>, what follows
// its element: code is not searched for.
func skipTag(b []byte) []byte {
	if bytes.HasPrefix(b, []byte("<pre")) {
		if end := bytes.Index(b, []byte("</pre>")); end >= 0 {
			return b[end+len("</pre>"):]
		}
	}
	gt := bytes.IndexByte(b, '>')
	if gt < 0 {
		return nil
	}
	return b[gt+1:]
}

// A document, encoded: its length in words, then its stems with their weighted
// frequencies, its biwords likewise, its filter terms, then its keys, each with the
// number of its stem in the list of stems. The lists are in no order: the index sorts
// what it writes, and the encoding is kept only in the build store's folder.
func (s *analysis) encode(dst []byte, filters []string) []byte {
	dst = binary.AppendUvarint(dst, uint64(s.length))
	for _, wd := range s.touched {
		s.words[wd.stem] = add(s.words[wd.stem], wd.w)
	}
	number := make(map[string]int, len(s.words))
	dst = binary.AppendUvarint(dst, uint64(len(s.words)))
	for _, wd := range s.touched {
		if _, done := number[wd.stem]; !done {
			number[wd.stem] = len(number)
			dst = appendString(dst, wd.stem)
			dst = binary.AppendUvarint(dst, uint64(weightByte(s.words[wd.stem])))
		}
	}
	dst = binary.AppendUvarint(dst, uint64(len(s.phrases)))
	for t, w := range s.phrases { // any order: the index sorts
		dst = appendString(dst, t)
		dst = binary.AppendUvarint(dst, uint64(weightByte(w)))
	}
	filters = slices.Compact(slices.Sorted(slices.Values(filters)))
	dst = binary.AppendUvarint(dst, uint64(len(filters)))
	for _, t := range filters {
		dst = appendString(dst, t)
	}
	dst = binary.AppendUvarint(dst, uint64(len(s.touched)))
	for _, wd := range s.touched {
		dst = appendString(dst, wd.key)
		dst = binary.AppendUvarint(dst, uint64(number[wd.stem]))
	}
	return dst
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// doc is a decoded document. Its strings share the encoded bytes.
type doc struct {
	length  int
	stems   []weighted
	phrases []weighted
	filters []string
	keys    []weighted // the key, and in w the number of its stem
}

type weighted struct {
	term string
	w    int
}

var errDoc = errors.New("search: damaged document")

// decodeDoc reads an encoded document.
func decodeDoc(data string) (doc, error) {
	r := reader{s: data}
	var d doc
	d.length = r.int()
	d.stems = r.weighted(true)
	d.phrases = r.weighted(true)
	for n := r.int(); n > 0 && r.ok(); n-- {
		d.filters = append(d.filters, r.str())
	}
	d.keys = r.weighted(true)
	if !r.ok() || r.s != "" {
		return doc{}, errDoc
	}
	for _, k := range d.keys {
		if k.w >= len(d.stems) {
			return doc{}, errDoc
		}
	}
	return d, nil
}

// reader reads uvarints and strings, remembering the first error.
type reader struct {
	s   string
	bad bool
}

func (r *reader) ok() bool { return !r.bad }

func (r *reader) int() int {
	v, n := uvarint(r.s)
	if n <= 0 || v > 1<<31 {
		r.bad, r.s = true, ""
		return 0
	}
	r.s = r.s[n:]
	return int(v)
}

func (r *reader) str() string {
	n := r.int()
	if n > len(r.s) {
		r.bad, r.s = true, ""
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *reader) weighted(withW bool) []weighted {
	n := r.int()
	if n > len(r.s) {
		r.bad, r.s = true, ""
		return nil
	}
	out := make([]weighted, 0, n)
	for range n {
		t := weighted{term: r.str()}
		if withW {
			t.w = r.int()
		}
		if r.bad {
			return nil
		}
		out = append(out, t)
	}
	return out
}

// uvarint is binary.Uvarint of a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				return 0, -1
			}
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// wordTable finds words by key: a hash table open to linear probing, kept at most half
// full. Every word of every article is looked up in it, and for that it is about twice
// as fast as a map, which must hash a string.
type wordTable struct {
	slots []*word
	n     int
}

// find returns the slot of a key, holding its word or nil where it would go, and the
// key's hash.
func (t *wordTable) find(key []byte) (**word, uint64) {
	if t.slots == nil {
		t.slots = make([]*word, 1024)
	}
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if w := t.slots[i]; w == nil || w.hash == h && w.key == string(key) {
			return &t.slots[i], h
		}
	}
}

// insert puts a word in the empty slot find returned.
func (t *wordTable) insert(slot **word, w *word) {
	*slot = w
	t.n++
	if 2*t.n <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]*word, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, w := range old {
		if w == nil {
			continue
		}
		i := w.hash & mask
		for t.slots[i] != nil {
			i = (i + 1) & mask
		}
		t.slots[i] = w
	}
}

// add adds a field's weight to a weighted frequency, keeping the mark of the headline.
func add(w, weight int) int {
	return (w&(inHeadline-1) + weight&(inHeadline-1)) | (w|weight)&inHeadline
}

// weightByte is the byte a posting keeps of a weighted frequency: up to 127, with
// headlineBit when the term is in the headline.
func weightByte(w int) byte {
	b := byte(max(1, min(w&(inHeadline-1), 127)))
	if w&inHeadline != 0 {
		b |= headlineBit
	}
	return b
}
