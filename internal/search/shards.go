package search

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// posting is one term of one document: the document, the term's weight byte, the
// document's quantised length.
type posting struct {
	id   int32
	w, l uint8
}

// Kinds of a shard entry (the README's Search section describes the format).
const (
	kindScored = iota
	kindIDs
	kindScoredFile
	kindIDsFile
)

// externalAt is the size past which a term's postings go to a file of their own, so that
// a shard stays small for the terms that share it.
const externalAt = 2048

// writePartition decodes, sorts and writes the shards of partition p, in as many passes
// over its records as keep the postings of each within passMemory: a pass takes the
// terms of every passes-th shard of the partition. Each distinct term is ranked once, by
// shard and bytes; its postings are placed in its range of a list of them by counting,
// and each range sorted by document, which is nearly the order they came in.
func (ix *Indexer) writePartition(p int, data string, write func(string, []byte) error) error {
	passes := min(1+ix.parts[p].postings*postingBytes/ix.passMemory, int(ix.shards)/len(ix.parts))
	for pass := range passes {
		if err := ix.writePass(p, data, pass, passes, write); err != nil {
			return err
		}
	}
	return nil
}

// postingBytes is what a posting of a partition costs writePass: read (rawPosting),
// then placed (posting).
const postingBytes = 12 + 8

// writePass writes the shards of partition p whose number, divided by the number of
// partitions, is pass modulo passes.
func (ix *Indexer) writePass(p int, data string, pass, passes int, write func(string, []byte) error) error {
	raw, terms, err := ix.postings(p, data, pass, passes)
	if err != nil {
		return err
	}
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(terms[a].shard, terms[b].shard), strings.Compare(terms[a].text, terms[b].text))
	})
	start := make([]int, len(terms)+1) // by rank
	next := make([]int, len(terms))    // by term
	for r, t := range order {
		start[r+1] = start[r] + terms[t].n
		next[t] = start[r]
	}
	ps := make([]posting, len(raw))
	for _, q := range raw {
		ps[next[q.term]] = q.posting
		next[q.term]++
	}
	raw = nil
	var sc scorer
	for r := 0; r < len(order); {
		shard := terms[order[r]].shard
		end := r + 1
		for end < len(order) && terms[order[end]].shard == shard {
			end++
		}
		lists := make([]termList, end-r)
		for k := range lists {
			list := ps[start[r+k]:start[r+k+1]]
			if !slices.IsSortedFunc(list, byID) {
				slices.SortFunc(list, byID)
			}
			lists[k] = termList{&terms[order[r+k]], list}
		}
		if err := ix.writeShard(shard, lists, &sc, write); err != nil {
			return err
		}
		r = end
	}
	return nil
}

func byID(a, b posting) int { return cmp.Compare(a.id, b.id) }

// term is a distinct term of a partition.
type term struct {
	text  string
	shard uint32
	ids   bool // a filter term: its postings are ids only
	n     int  // its postings
}

// termList is a term with its postings, in document order.
type termList struct {
	*term
	ps []posting
}

// rawPosting is a posting as read from a partition, with the number of its term.
type rawPosting struct {
	posting
	term int32
}

// postings reads the records of partition p (see Add): the postings of the terms in
// pass (see writePass), each with the number of its term in terms, and those distinct
// terms. The first pass gives the keys to the partition's part of the dictionary.
func (ix *Indexer) postings(p int, data string, pass, passes int) ([]rawPosting, []term, error) {
	ps := make([]rawPosting, 0, ix.parts[p].postings/passes)
	var terms []term
	seen := map[string]int32{}
	keys := map[string]string{}
	var id int32
	var l uint8
	inPass := func(t string) bool {
		return passes == 1 || int(ix.shard(t))/len(ix.parts)%passes == pass
	}
	intern := func(t string, ids bool) int32 {
		n, ok := seen[t]
		if !ok {
			n = int32(len(terms))
			seen[t] = n
			terms = append(terms, term{text: t, shard: ix.shard(t), ids: ids})
		}
		terms[n].n++
		return n
	}
	rec := &record{
		scored: func(t string, w byte) {
			if inPass(t) {
				ps = append(ps, rawPosting{posting{id, w, l}, intern(t, false)})
			}
		},
		filter: func(t string) {
			if inPass(t) {
				ps = append(ps, rawPosting{posting{id: id}, intern(t, true)})
			}
		},
		key: func(k, stem string) {
			if pass > 0 {
				return
			}
			if _, ok := keys[k]; !ok {
				keys[k] = strings.Clone(stem)
			}
		},
	}
	r := reader{s: data}
	for r.s != "" && r.ok() {
		id = int32(r.int())
		if r.s == "" {
			return nil, nil, errDoc
		}
		l = r.s[0]
		r.s = r.s[1:]
		body := r.str()
		if _, ok := readRecord(body, -1, rec); !r.ok() || !ok {
			return nil, nil, errDoc
		}
	}
	if !r.ok() {
		return nil, nil, errDoc
	}
	if pass == 0 {
		dict := make([]keyStem, 0, len(keys))
		for k, stem := range keys {
			dict = append(dict, keyStem{strings.Clone(k), stem})
		}
		ix.dict[p] = dict
	}
	return ps, terms, nil
}

// writeShard writes one shard: its terms, in order, with their postings.
func (ix *Indexer) writeShard(shard uint32, lists []termList, sc *scorer, write func(string, []byte) error) error {
	var out, list []byte
	files := 0
	for _, t := range lists {
		df, kept := len(t.ps), t.ps
		if !t.ids && df > MaxPostings {
			kept = sc.best(kept)
		}
		list = encodeList(list[:0], kept, t.ids)
		kind := kindScored
		if t.ids {
			kind = kindIDs
		}
		out = appendString(out, t.text)
		if len(list) > externalAt {
			out = append(out, byte(kind+2))
			out = binary.AppendUvarint(out, uint64(df))
			out = binary.AppendUvarint(out, uint64(files))
			if err := ix.put(fmt.Sprintf("t/%d-%d.z", shard, files), list, write); err != nil {
				return err
			}
			files++
		} else {
			out = append(out, byte(kind))
			out = binary.AppendUvarint(out, uint64(df))
			out = append(out, list...)
		}
		if !t.ids && !strings.Contains(t.text, " ") {
			stem := strings.Clone(t.text) // not to keep the partition's data alive
			ix.mu.Lock()
			ix.dfs[stem] = df
			ix.mu.Unlock()
		}
	}
	return ix.put(fmt.Sprintf("s/%d.z", shard), out, write)
}

// encodeList appends a postings list: its length, then each document as the difference
// from the one before, with its weight and length unless ids.
func encodeList(dst []byte, ps []posting, ids bool) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ps)))
	prev := int32(0)
	for _, p := range ps {
		dst = binary.AppendUvarint(dst, uint64(p.id-prev))
		prev = p.id
		if !ids {
			dst = append(dst, p.w, p.l)
		}
	}
	return dst
}

// scorer scores postings for truncation, by their two bytes, computing each score once.
type scorer struct{ scores *[1 << 16]float32 }

// best returns the MaxPostings postings of a term that score highest, in document
// order. Scores use a fixed typical length rather than the archive's mean, so that which
// documents a list keeps does not change with every article added.
func (sc *scorer) best(ps []posting) []posting {
	const k1, b, avgdl = 1.2, 0.75, 500.0
	// A score depends only on a posting's two bytes: count the postings of each score,
	// find the lowest score kept, and how many of its postings (the newest) fit.
	if sc.scores == nil {
		sc.scores = new([1 << 16]float32)
	}
	scores := sc.scores
	count := map[float32]int{}
	for _, p := range ps {
		pair := uint16(p.w)<<8 | uint16(p.l)
		if scores[pair] == 0 {
			w, dl := float64(p.w&^headlineBit), dequantise(p.l)
			sc := w * (k1 + 1) / (w + k1*(1-b+b*dl/avgdl))
			if p.w&headlineBit != 0 {
				sc += HeadlineBonus
			}
			scores[pair] = float32(sc)
		}
		count[scores[pair]]++
	}
	levels := slices.Sorted(maps.Keys(count))
	left, cut := MaxPostings, float32(0)
	for i := len(levels) - 1; i >= 0; i-- {
		cut = levels[i]
		if count[cut] >= left {
			break
		}
		left -= count[cut]
	}
	kept := make([]posting, 0, MaxPostings)
	for i := len(ps) - 1; i >= 0; i-- { // newest first: ties go to the newer
		sc := scores[uint16(ps[i].w)<<8|uint16(ps[i].l)]
		if sc > cut || sc == cut && left > 0 {
			if sc == cut {
				left--
			}
			kept = append(kept, ps[i])
		}
	}
	slices.Reverse(kept)
	return kept
}

func dequantise(l uint8) float64 {
	return float64(uint64(1)<<(l/8))*pow8(l%8) - 1
}

// pow8 is 2^(n/8) for n in 0..7, so that dequantise needs no math.Pow.
func pow8(n uint8) float64 {
	return [8]float64{1, 1.0905077326652577, 1.189207115002721, 1.2968395546510096, 1.4142135623730951, 1.5422108254079407, 1.681792830507429, 1.8340080864093424}[n]
}

// put compresses a file and writes it.
func (ix *Indexer) put(name string, data []byte, write func(string, []byte) error) error {
	return ix.deflate.Do(data, func(z []byte) error { return write(name, z) })
}
