package store

import (
	"fmt"
	"os"
	"slices"
	"sync"
)

// spool keeps byte strings by article position until a later step of the build reads
// them: the feed entries and the list cards of articles, made while an article's body is
// at hand and read when the lists and feeds are written. On a large archive they add up
// to more than memory should hold, so the spool is one stream of bytes whose newest
// spoolMemory bytes stay in memory and whose older chunks go to a temporary file. A
// small archive never touches the file; a large one writes a chunk at a time and reads
// with one call per string.
type Spool struct {
	mu     sync.Mutex
	file   *os.File
	chunks [][]byte // the stream in spoolChunk pieces; nil once in the file
	held   int      // bytes of chunks in memory
	size   int64    // of the stream
	spans  []span   // by article position
}

// span is where an article's bytes are in the stream, in eight bytes (a large archive
// has a million in each spool): the offset, then the length plus one, so that zero is
// no bytes at all.
type span uint64

const spanLengthBits = 28 // 256 MB

func newSpan(offset int64, length int) span { return span(offset)<<spanLengthBits | span(length+1) }

func (sp span) offset() int64 { return int64(sp >> spanLengthBits) }
func (sp span) length() int   { return int(sp&(1<<spanLengthBits-1)) - 1 }
func (sp span) ok() bool      { return sp != 0 }

const (
	spoolChunk  = 1 << 20
	spoolMemory = 8 << 20 // per spool
)

func NewSpool() *Spool { return &Spool{} }

// put stores the bytes of the article at position i.
func (s *Spool) Put(i int32, data []byte) error {
	if len(data) >= 1<<spanLengthBits-1 {
		return fmt.Errorf("%d bytes are too many to keep for one article", len(data))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if int(i) >= len(s.spans) {
		s.spans = append(s.spans, make([]span, int(i)+1-len(s.spans))...)
	}
	s.spans[i] = newSpan(s.size, len(data))
	for len(data) > 0 {
		k := int(s.size / spoolChunk)
		if k == len(s.chunks) {
			s.chunks = append(s.chunks, make([]byte, 0, spoolChunk))
			s.held += spoolChunk
		}
		c := s.chunks[k]
		n := min(len(data), cap(c)-len(c))
		s.chunks[k] = append(c, data[:n]...)
		data = data[n:]
		s.size += int64(n)
	}
	return s.spill()
}

// spill writes the oldest full chunks held in memory to the file until what is held
// fits the budget. It is called with mu held.
func (s *Spool) spill() error {
	for k := 0; s.held > spoolMemory && k < len(s.chunks)-1; k++ {
		if s.chunks[k] == nil {
			continue
		}
		if s.file == nil {
			f, err := os.CreateTemp("", "dateline-spool-*")
			if err != nil {
				return err
			}
			s.file = f
		}
		if _, err := s.file.WriteAt(s.chunks[k], int64(k)*spoolChunk); err != nil {
			return err
		}
		s.chunks[k] = nil
		s.held -= spoolChunk
	}
	return nil
}

// length returns the length of the bytes of the article at position i, 0 if none.
func (s *Spool) Length(i int32) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if int(i) < len(s.spans) && s.spans[i].ok() {
		return s.spans[i].length()
	}
	return 0
}

// appendTo appends the bytes of the article at position i to dst, and reports whether
// there are any.
func (s *Spool) AppendTo(dst []byte, i int32) ([]byte, bool, error) {
	s.mu.Lock()
	var sp span
	if int(i) < len(s.spans) {
		sp = s.spans[i]
	}
	if !sp.ok() {
		s.mu.Unlock()
		return dst, false, nil
	}
	n := len(dst)
	dst = slices.Grow(dst, sp.length())[:n+sp.length()]
	out := dst[n:]
	// Copy what is in memory now, under the lock (a chunk may be spilled as soon as it
	// is released); what is in the file stays there unchanged.
	var fileParts []span
	for off := sp.offset(); len(out) > 0; {
		k := int(off / spoolChunk)
		c := out[:min(len(out), int(int64(k+1)*spoolChunk-off))]
		if chunk := s.chunks[k]; chunk != nil {
			copy(c, chunk[off-int64(k)*spoolChunk:])
		} else {
			fileParts = append(fileParts, newSpan(off, len(c)))
		}
		off += int64(len(c))
		out = out[len(c):]
	}
	f := s.file
	s.mu.Unlock()
	for _, p := range fileParts {
		at := n + int(p.offset()-sp.offset())
		if _, err := f.ReadAt(dst[at:at+p.length()], p.offset()); err != nil {
			return dst, true, err
		}
	}
	return dst, true, nil
}

// close removes the temporary file.
func (s *Spool) Close() {
	if s != nil && s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
	}
}
