package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"html"
	"slices"
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
	an       *Analyzer
	cache    wordTable         // by key, across documents
	gen      uint32            // the number of the document, for word.seen
	touched  []*word           // the words of this document that are indexed
	words    map[string]int    // stem → weighted frequency, made by encode
	phrases  map[[2]string]int // biword, as its two stems → weighted frequency
	groups   [partitions]group
	buf      []byte                     // for keys
	bodyWord func(key []byte, h uint64) // s.word for the body
	length   int
	prev     string // the stem before, for biwords; "" at the start of a field
	pos      int    // words so far in the field
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
	s := &analysis{an: an, words: map[string]int{}, phrases: map[[2]string]int{}}
	s.bodyWord = func(key []byte, h uint64) { s.word(key, h, weightBody, s.pos < PhraseWords) }
	return s
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
	s.buf = words(t, s.buf, func(key []byte, h uint64) { s.word(key, h, weight, phrases) })
}

func (s *analysis) word(key []byte, h uint64, weight int, phrases bool) {
	sl := s.cache.find(key, h)
	wd := sl.w
	if wd == nil {
		k := string(key)
		wd = &word{key: k, hash: h, stem: s.an.Stem(k), stop: s.an.stop[k], seen: s.gen - 1}
		s.cache.insert(sl, wd)
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
		k := [2]string{s.prev, wd.stem}
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
		if seg := body[:lt]; bytes.IndexByte(seg, '&') >= 0 {
			s.buf = words(html.UnescapeString(string(seg)), s.buf, s.bodyWord)
		} else if lt > 0 {
			s.buf = words(seg, s.buf, s.bodyWord)
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

// A document, encoded, is in the form the indexer's partitions keep, so that adding it
// is copying: its length in words, the number of its groups, then each group: the
// partition its terms belong to (partitionOf), the group's size in bytes, and its body:
// stems and biwords with their weight bytes, filter terms, and keys, each key with its
// stem written as the length of the prefix they share and the rest. A term or key goes
// to the group of its own hash, so a group's body is all that one partition needs of the
// document. The lists are in no order: the index sorts what it writes, and the encoding
// is kept only in the build store's folder.
func (s *analysis) encode(dst []byte, filters []string) []byte {
	for _, wd := range s.touched {
		s.words[wd.stem] = add(s.words[wd.stem], wd.w)
	}
	g := &s.groups
	for i := range g {
		g[i] = group{terms: g[i].terms[:0], filters: g[i].filters[:0], keys: g[i].keys[:0]}
	}
	for t, w := range s.words {
		gr := &g[partitionOf(t)]
		gr.terms = append(appendString(gr.terms, t), weightByte(w))
		gr.nt++
	}
	for pair, w := range s.phrases { // the term is "stem stem"
		h := hashMore(hashMore(hashMore(fnvOffset, pair[0]), " "), pair[1])
		gr := &g[h%partitions]
		gr.terms = binary.AppendUvarint(gr.terms, uint64(len(pair[0])+1+len(pair[1])))
		gr.terms = append(append(append(append(gr.terms, pair[0]...), ' '), pair[1]...), weightByte(w))
		gr.nt++
	}
	for _, t := range slices.Compact(slices.Sorted(slices.Values(filters))) {
		gr := &g[partitionOf(t)]
		gr.filters = appendString(gr.filters, t)
		gr.nf++
	}
	for _, wd := range s.touched {
		gr := &g[partitionOf(wd.key)]
		shared := sharedPrefix(wd.key, wd.stem)
		gr.keys = appendString(binary.AppendUvarint(appendString(gr.keys, wd.key), uint64(shared)), wd.stem[shared:])
		gr.nk++
	}
	n, total := 0, 2*binary.MaxVarintLen32
	var sizes [partitions]int
	for p := range g {
		if gr := &g[p]; !gr.empty() {
			sizes[p] = uvarintLen(gr.nt) + len(gr.terms) + uvarintLen(gr.nf) + len(gr.filters) + uvarintLen(gr.nk) + len(gr.keys)
			n, total = n+1, total+1+uvarintLen(sizes[p])+sizes[p]
		}
	}
	dst = slices.Grow(dst, total)
	dst = binary.AppendUvarint(dst, uint64(s.length))
	dst = binary.AppendUvarint(dst, uint64(n))
	for p := range g {
		if gr := &g[p]; !gr.empty() {
			size := sizes[p]
			dst = binary.AppendUvarint(append(dst, byte(p)), uint64(size))
			dst = binary.AppendUvarint(dst, uint64(gr.nt))
			dst = binary.AppendUvarint(append(dst, gr.terms...), uint64(gr.nf))
			dst = binary.AppendUvarint(append(dst, gr.filters...), uint64(gr.nk))
			dst = append(dst, gr.keys...)
		}
	}
	return dst
}

func uvarintLen(n int) int {
	l := 1
	for ; n >= 0x80; n >>= 7 {
		l++
	}
	return l
}

// group is what one partition gets of the document being encoded.
type group struct {
	terms, filters, keys []byte
	nt, nf, nk           int
}

func (g *group) empty() bool { return g.nt+g.nf+g.nk == 0 }

// sharedPrefix is the length of the longest prefix of a and b.
func sharedPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

var errDoc = errors.New("search: damaged document")

// groups reads an encoded document: its length, and its groups by partition, each body
// checked (see record) but not copied, with the number of postings it holds.
func groups(data string, fn func(p int, body string, postings int)) (length int, err error) {
	r := reader{s: data}
	length = r.int()
	n := r.int()
	if n > partitions {
		return 0, errDoc
	}
	for ; n > 0 && r.ok(); n-- {
		if r.s == "" {
			return 0, errDoc
		}
		p := int(r.s[0])
		r.s = r.s[1:]
		body := r.str()
		if p >= partitions || !r.ok() {
			return 0, errDoc
		}
		postings, ok := readRecord(body, p, nil)
		if !ok {
			return 0, errDoc
		}
		fn(p, body, postings)
	}
	if !r.ok() || r.s != "" {
		return 0, errDoc
	}
	return length, nil
}

// A record is one group's body: scored terms, filter terms and keys.
type record struct {
	scored  func(term string, w byte)
	filter  func(term string)
	key     func(key, stem string)
	scratch []byte // for stems that are not a prefix of their key
}

// readRecord reads a group's body, calling rec's functions, and returns the number of
// its postings (scored and filter terms) and whether it is whole. A nil rec only checks
// it, and that each term and key is one of the group of partition p.
func readRecord(body string, p int, rec *record) (postings int, ok bool) {
	r := reader{s: body}
	nt := r.int()
	for n := nt; n > 0 && r.ok(); n-- {
		t := r.str()
		if r.s == "" {
			return 0, false
		}
		if rec != nil {
			rec.scored(t, r.s[0])
		} else if partitionOf(t) != p {
			return 0, false
		}
		r.s = r.s[1:]
	}
	nf := r.int()
	for n := nf; n > 0 && r.ok(); n-- {
		t := r.str()
		if rec != nil && r.ok() {
			rec.filter(t)
		} else if rec == nil && partitionOf(t) != p {
			return 0, false
		}
	}
	for n := r.int(); n > 0 && r.ok(); n-- {
		k := r.str()
		shared := r.int()
		rest := r.str()
		if shared > len(k) || rec == nil && partitionOf(k) != p {
			return 0, false
		}
		if rec != nil && r.ok() {
			stem := k[:shared]
			if rest != "" {
				rec.scratch = append(append(rec.scratch[:0], k[:shared]...), rest...)
				stem = string(rec.scratch)
			}
			rec.key(k, stem)
		}
	}
	return nt + nf, r.ok() && r.s == ""
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
// full, each slot with its word's hash so that a probe reads no word but the one found.
// Every word of every article is looked up in it, and for that it is about twice as fast
// as a map, which must hash a string.
type wordTable struct {
	slots []slot
	n     int
}

type slot struct {
	h uint64
	w *word
}

// find returns the slot of a key whose hash is h, holding its word or nil where it
// would go.
func (t *wordTable) find(key []byte, h uint64) *slot {
	if t.slots == nil {
		t.slots = make([]slot, 1024)
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if sl := &t.slots[i]; sl.w == nil || sl.h == h && sl.w.key == string(key) {
			return sl
		}
	}
}

// insert puts a word in the empty slot find returned.
func (t *wordTable) insert(sl *slot, w *word) {
	*sl = slot{w.hash, w}
	t.n++
	if 2*t.n <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]slot, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, sl := range old {
		if sl.w == nil {
			continue
		}
		i := sl.h & mask
		for t.slots[i].w != nil {
			i = (i + 1) & mask
		}
		t.slots[i] = sl
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
