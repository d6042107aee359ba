package search

import (
	"context"
	"encoding/binary"
	"io"
	"math"
	"os"
	"strings"
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
	dict   [][]keyStem    // by partition: every key, with its stem, filled by Finish
	dfs    map[string]int // every stem → its document frequency, filled by Finish
	docs   int
	length int64

	spillAt    int // partMemory; tests make it small
	passMemory int // passMemory; likewise
}

// partition holds the postings of the shards whose number is its own modulo the number
// of partitions, and the dictionary's keys likewise, as records, one for each group of a
// document that falls to it: the document, its quantised length, the group's body (see
// encode). Past partMemory bytes it moves what it holds to a temporary file.
type partition struct {
	mu       sync.Mutex
	buf      []byte
	postings int // in all its records
	file     *os.File
	err      error
}

const (
	partitions = 64
	partMemory = 128 << 10
	passMemory = 16 << 20 // about the most postings writing a partition holds at once
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
		spillAt: partMemory, passMemory: passMemory}
}

// Add adds a document, as Analyze encoded it, under its number: each of its groups goes
// to its partition as a record, the number and quantised length, then the body.
func (ix *Indexer) Add(id int32, encoded []byte) error {
	var gs [partitions]struct {
		p, postings int
		body        string
	}
	n := 0
	length, err := groups(string(encoded), func(p int, body string, postings int) {
		gs[n].p, gs[n].body, gs[n].postings = p%len(ix.parts), body, postings
		n++
	})
	if err != nil {
		return err
	}
	l := quantise(length)
	for _, g := range gs[:n] {
		part := &ix.parts[g.p]
		part.mu.Lock()
		part.buf = binary.AppendUvarint(part.buf, uint64(id))
		part.buf = appendString(append(part.buf, l), g.body)
		part.postings += g.postings
		part.spill(ix.spillAt)
		err := part.err
		part.mu.Unlock()
		if err != nil {
			return err
		}
	}
	ix.mu.Lock()
	ix.docs++
	ix.length += int64(length)
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
func (p *partition) load() (string, error) {
	if p.err != nil {
		return "", p.err
	}
	var all strings.Builder
	if p.file != nil {
		info, err := p.file.Stat()
		if err != nil {
			return "", err
		}
		all.Grow(int(info.Size()) + len(p.buf))
		if _, err := p.file.Seek(0, io.SeekStart); err != nil {
			return "", err
		}
		if _, err := io.Copy(&all, p.file); err != nil {
			return "", err
		}
	}
	all.Write(p.buf)
	p.buf = nil
	return all.String(), nil
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
func (ix *Indexer) shard(term string) uint32 { return hash32(term) % ix.shards }

// partitionOf is the group of a document that a term or key goes to: its hash modulo
// partitions. The partition that keeps it is that modulo the indexer's partitions, which
// divide the number of shards, so that a shard's terms are all in one partition.
func partitionOf(term string) int { return int(hash32(term) % partitions) }

// hash32 is FNV-1a, 32 bits; hashMore goes on hashing more bytes.
func hash32(term string) uint32 { return hashMore(fnvOffset, term) }

const fnvOffset = 2166136261

func hashMore(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
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
	ix.dict = make([][]keyStem, len(ix.parts))
	err := work.Each(ctx, len(ix.parts), 0, func(p int) error {
		data, err := ix.parts[p].load()
		if err != nil {
			return err
		}
		return ix.writePartition(p, data, write)
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
