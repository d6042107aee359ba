package site

import (
	"os"
	"sync"
)

// spool keeps byte strings by article position in a temporary file until a later step
// of the build reads them: the feed entries and the list cards of articles, made while
// an article's body is at hand and read when the lists and feeds are written. On a large
// archive they add up to more than memory should hold.
type spool struct {
	mu    sync.Mutex
	file  *os.File
	size  int64
	spans []span // by article position
}

// span is where an article's bytes are in the file.
type span struct {
	offset int64
	length int32
	ok     bool
}

func newSpool() *spool { return &spool{} }

// put stores the bytes of the article at position i.
func (s *spool) put(i int32, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file == nil {
		f, err := os.CreateTemp("", "dateline-spool-*")
		if err != nil {
			return err
		}
		s.file = f
	}
	if _, err := s.file.WriteAt(data, s.size); err != nil {
		return err
	}
	if int(i) >= len(s.spans) {
		s.spans = append(s.spans, make([]span, int(i)+1-len(s.spans))...)
	}
	s.spans[i] = span{s.size, int32(len(data)), true}
	s.size += int64(len(data))
	return nil
}

// get returns the bytes of the article at position i, and whether there are any.
func (s *spool) get(i int32) ([]byte, bool, error) {
	s.mu.Lock()
	var sp span
	if int(i) < len(s.spans) {
		sp = s.spans[i]
	}
	f := s.file
	s.mu.Unlock()
	if !sp.ok {
		return nil, false, nil
	}
	buf := make([]byte, sp.length)
	_, err := f.ReadAt(buf, sp.offset)
	return buf, true, err
}

// close removes the temporary file.
func (s *spool) close() {
	if s != nil && s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
	}
}
