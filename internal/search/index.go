package search

import (
	"context"
	"encoding/binary"
	"math"
	"os"
	"sync"

	"dateline/internal/work"
)

// Indexer gathers the documents of a build and writes the index. Add may be called from
// many goroutines; Finish once, after the last Add.
type Indexer struct {
	an      *Analyzer
	shards  uint32
	parts   []partition
	deflate Compressor

	mu     sync.Mutex
	keys   map[string]string // every indexed key → its stem
	dfs    map[string]int    // every stem → its document frequency, filled by Finish
	docs   int
	length int64

	spillAt int // partMemory; tests make it small
}

// partition holds the postings of the shards whose number is its own modulo the number
// of partitions, in groups of one document each: the document, its quantised length,
// its scored terms with their weights, its filter terms. Past partMemory bytes it moves
// what it holds to a temporary file.
type partition struct {
	mu   sync.Mutex
	buf  []byte
	file *os.File
	err  error
}

const (
	partitions = 64
	partMemory = 256 << 10
)

// NewIndexer returns an indexer for about docs documents, analysed by an. The number of
// shards follows from the size of the archive, in powers of two, so that it changes
// seldom: when it does, every shard does.
func NewIndexer(an *Analyzer, docs int) *Indexer {
	shards := uint32(16)
	for shards < 1<<16 && int(shards)*16 < docs {
		shards *= 2
	}
	return &Indexer{an: an, shards: shards, parts: make([]partition, min(partitions, int(shards))),
		keys: map[string]string{}, spillAt: partMemory}
}

// Add adds a document, as Analyze encoded it, under its number.
func (ix *Indexer) Add(id int32, encoded []byte) error {
	d, err := decodeDoc(string(encoded))
	if err != nil {
		return err
	}
	l := quantise(d.length)
	groups := make([][]byte, len(ix.parts))
	counts := make([]int, len(ix.parts))
	for _, list := range [][]weighted{d.stems, d.phrases} {
		for _, t := range list {
			p := ix.shard(t.term) % uint32(len(ix.parts))
			groups[p] = appendString(groups[p], t.term)
			groups[p] = append(groups[p], byte(t.w))
			counts[p]++
		}
	}
	filters := make([][]byte, len(ix.parts))
	fcounts := make([]int, len(ix.parts))
	for _, t := range d.filters {
		p := ix.shard(t) % uint32(len(ix.parts))
		filters[p] = appendString(filters[p], t)
		fcounts[p]++
	}
	for p := range ix.parts {
		if counts[p]+fcounts[p] == 0 {
			continue
		}
		part := &ix.parts[p]
		part.mu.Lock()
		part.buf = binary.AppendUvarint(part.buf, uint64(id))
		part.buf = append(part.buf, l)
		part.buf = binary.AppendUvarint(part.buf, uint64(counts[p]))
		part.buf = append(part.buf, groups[p]...)
		part.buf = binary.AppendUvarint(part.buf, uint64(fcounts[p]))
		part.buf = append(part.buf, filters[p]...)
		part.spill(ix.spillAt)
		err := part.err
		part.mu.Unlock()
		if err != nil {
			return err
		}
	}
	ix.mu.Lock()
	for _, k := range d.keys {
		if _, ok := ix.keys[k.term]; !ok {
			ix.keys[k.term] = d.stems[k.w].term
		}
	}
	ix.docs++
	ix.length += int64(d.length)
	ix.mu.Unlock()
	return nil
}

// spill moves the partition's buffer to its file when it is over budget. It is called
// with mu held.
func (p *partition) spill(limit int) {
	if len(p.buf) < limit || p.err != nil {
		return
	}
	if p.file == nil {
		if p.file, p.err = os.CreateTemp("", "dateline-search-*"); p.err != nil {
			return
		}
	}
	_, p.err = p.file.Write(p.buf)
	p.buf = p.buf[:0]
}

// load returns everything the partition holds, and frees it.
func (p *partition) load() ([]byte, error) {
	if p.err != nil {
		return nil, p.err
	}
	data := p.buf
	if p.file != nil {
		spilled, err := os.ReadFile(p.file.Name())
		if err != nil {
			return nil, err
		}
		data = append(spilled, data...)
	}
	p.buf = nil
	return data, nil
}

// Close removes the temporary files; it is safe to call more than once.
func (ix *Indexer) Close() {
	for i := range ix.parts {
		if f := ix.parts[i].file; f != nil {
			f.Close()
			os.Remove(f.Name())
			ix.parts[i].file = nil
		}
	}
}

// shard is the number of a term's shard: FNV-1a (32 bits) of its bytes, modulo the
// number of shards. The script computes the same.
func (ix *Indexer) shard(term string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h ^= uint32(term[i])
		h *= 16777619
	}
	return h % ix.shards
}

// quantise maps a length in words to a byte, eight steps to each doubling; the script
// reads it back as 2^(l/8) − 1.
func quantise(n int) byte {
	return byte(min(255, math.Round(8*math.Log2(1+float64(n)))))
}

// Finish writes the index through write, which gets names relative to the search folder
// ("s/12.z") and each file's bytes, from many goroutines.
func (ix *Indexer) Finish(ctx context.Context, m Meta, write func(name string, data []byte) error) error {
	defer ix.Close()
	ix.dfs = map[string]int{}
	err := work.Each(ctx, len(ix.parts), 0, func(p int) error {
		data, err := ix.parts[p].load()
		if err != nil {
			return err
		}
		return ix.writePartition(string(data), write)
	})
	if err != nil {
		return err
	}
	split, err := ix.writeDictionary(write)
	if err != nil {
		return err
	}
	return ix.writeMeta(m, split, write)
}
