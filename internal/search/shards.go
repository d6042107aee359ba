package search

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// posting is one term of one document, read back from a partition: the key is the
// term's number (see postings) above the document's.
type posting struct {
	key  uint64
	w, l uint8
}

func (p posting) id() int32 { return int32(p.key & (1<<32 - 1)) }

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

// writePartition decodes, sorts and writes the shards of one partition. Sorting compares
// numbers: each distinct term is ranked once by shard and bytes, and a posting sorts by
// its term's rank, then its document.
func (ix *Indexer) writePartition(data string, write func(string, []byte) error) error {
	ps, terms, err := ix.postings(data)
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
	rank := make([]uint64, len(terms))
	for r, t := range order {
		rank[t] = uint64(r)
	}
	for i := range ps {
		ps[i].key = rank[ps[i].key>>32]<<32 | ps[i].key&(1<<32-1)
	}
	slices.SortFunc(ps, func(a, b posting) int { return cmp.Compare(a.key, b.key) })
	for len(ps) > 0 {
		shard := terms[order[ps[0].key>>32]].shard
		n := 1
		for n < len(ps) && terms[order[ps[n].key>>32]].shard == shard {
			n++
		}
		if err := ix.writeShard(shard, ps[:n], func(p posting) *term { return &terms[order[p.key>>32]] }, write); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// term is a distinct term of a partition.
type term struct {
	text  string
	shard uint32
	ids   bool // a filter term: its postings are ids only
}

// postings reads the groups of a partition (see partition): its postings, each keyed by
// the number of its term in terms and its document, and its distinct terms.
func (ix *Indexer) postings(data string) ([]posting, []term, error) {
	var ps []posting
	var terms []term
	seen := map[string]uint64{}
	intern := func(t string, ids bool) uint64 {
		n, ok := seen[t]
		if !ok {
			n = uint64(len(terms))
			seen[t] = n
			terms = append(terms, term{text: t, shard: ix.shard(t), ids: ids})
		}
		return n << 32
	}
	r := reader{s: data}
	for r.s != "" && r.ok() {
		id := uint64(r.int())
		if r.s == "" {
			return nil, nil, errDoc
		}
		l := r.s[0]
		r.s = r.s[1:]
		for n := r.int(); n > 0 && r.ok(); n-- {
			t := r.str()
			if r.s == "" {
				return nil, nil, errDoc
			}
			ps = append(ps, posting{key: intern(t, false) | id, w: r.s[0], l: l})
			r.s = r.s[1:]
		}
		for n := r.int(); n > 0 && r.ok(); n-- {
			ps = append(ps, posting{key: intern(r.str(), true) | id})
		}
	}
	if !r.ok() {
		return nil, nil, errDoc
	}
	return ps, terms, nil
}

// writeShard writes one shard, whose postings are sorted by term and document.
func (ix *Indexer) writeShard(shard uint32, ps []posting, termOf func(posting) *term, write func(string, []byte) error) error {
	var out, list []byte
	files := 0
	for len(ps) > 0 {
		n := 1
		for n < len(ps) && ps[n].key>>32 == ps[0].key>>32 {
			n++
		}
		t := termOf(ps[0])
		term, df, ids := t.text, n, t.ids
		kept := ps[:n]
		if !ids && n > MaxPostings {
			kept = best(kept)
		}
		list = encodeList(list[:0], kept, ids)
		kind := kindScored
		if ids {
			kind = kindIDs
		}
		out = appendString(out, term)
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
		if !ids && !strings.Contains(term, " ") {
			ix.mu.Lock()
			ix.dfs[term] = df
			ix.mu.Unlock()
		}
		ps = ps[n:]
	}
	return ix.put(fmt.Sprintf("s/%d.z", shard), out, write)
}

// encodeList appends a postings list: its length, then each document as the difference
// from the one before, with its weight and length unless ids.
func encodeList(dst []byte, ps []posting, ids bool) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ps)))
	prev := int32(0)
	for _, p := range ps {
		dst = binary.AppendUvarint(dst, uint64(p.id()-prev))
		prev = p.id()
		if !ids {
			dst = append(dst, p.w, p.l)
		}
	}
	return dst
}

// best returns the MaxPostings postings of a term that score highest, in document
// order. Scores use a fixed typical length rather than the archive's mean, so that which
// documents a list keeps does not change with every article added.
func best(ps []posting) []posting {
	const k1, b, avgdl = 1.2, 0.75, 500.0
	// A score depends only on a posting's two bytes: count the postings of each score,
	// find the lowest score kept, and how many of its postings (the newest) fit.
	var scores [1 << 16]float32
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
