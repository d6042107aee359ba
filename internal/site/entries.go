package site

import (
	"os"
	"sync"

	"dateline/internal/feed"
)

// entries keeps the feed entries of the articles that some feed lists, from the moment
// the article is converted until the feeds are written. The Atom entries go to a
// temporary file rather than memory: on a large archive, the newest twenty of every term
// and author add up to many articles, and bodies are what must not pile up in memory.
type entries struct {
	need []bool // by article position: does a feed list it?
	json map[int32]feed.Entry

	mu    sync.Mutex
	file  *os.File
	size  int64
	spans map[int32][2]int64 // offset and length in file
}

func newEntries(n int) *entries {
	return &entries{need: make([]bool, n), json: map[int32]feed.Entry{}, spans: map[int32][2]int64{}}
}

// put stores the Atom entry of the article at position i.
func (e *entries) put(i int32, xml []byte) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.file == nil {
		f, err := os.CreateTemp("", "dateline-entries-*")
		if err != nil {
			return err
		}
		e.file = f
	}
	if _, err := e.file.WriteAt(xml, e.size); err != nil {
		return err
	}
	e.spans[i] = [2]int64{e.size, int64(len(xml))}
	e.size += int64(len(xml))
	return nil
}

// get returns the Atom entry of the article at position i.
func (e *entries) get(i int32) ([]byte, error) {
	e.mu.Lock()
	span, f := e.spans[i], e.file
	e.mu.Unlock()
	buf := make([]byte, span[1])
	_, err := f.ReadAt(buf, span[0])
	return buf, err
}

// close removes the temporary file.
func (e *entries) close() {
	if e != nil && e.file != nil {
		e.file.Close()
		os.Remove(e.file.Name())
	}
}
