package search

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"sync"
)

// Entry is what a result shows of a document: a fragment file holds the entries of
// FragmentSize documents in a row, so that a page of results fetches a few small files.
type Entry struct {
	URL      string `json:"u"` // root-relative
	Headline string `json:"h"`
	Dek      string `json:"d"`
	ISO      string `json:"t"` // the date, RFC 3339
	Date     string `json:"p"` // the date as pages print it
	Byline   string `json:"b"`
}

// FragmentSize is the number of documents a fragment file holds.
const FragmentSize = fragSize

// Fragment is the name of the fragment file of a block of documents, relative to the
// search folder.
func Fragment(block int) string { return fmt.Sprintf("f/%d.z", block) }

// Fragment encodes the entries of a block, compressed, and passes the bytes to use.
func (c *Compressor) Fragment(entries []Entry, use func([]byte) error) error {
	data, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	return c.Do(data, use)
}

// Compressor compresses files with raw DEFLATE, which browsers' DecompressionStream
// reads, reusing its compressors: each holds most of a megabyte. The fastest level:
// postings are mostly small numbers, which the higher ones shrink by 2% more (10,000
// articles) at a fifth of the speed. It is safe for use by
// many goroutines; the zero value is ready.
type Compressor struct{ pool sync.Pool }

type flateBuf struct {
	w   *flate.Writer
	out bytes.Buffer
}

// Do compresses data and passes the result to use, which must not keep it.
func (c *Compressor) Do(data []byte, use func([]byte) error) error {
	fb, _ := c.pool.Get().(*flateBuf)
	if fb == nil {
		fb = &flateBuf{}
		fb.w, _ = flate.NewWriter(&fb.out, flate.BestSpeed)
	}
	defer c.pool.Put(fb)
	fb.out.Reset()
	fb.w.Reset(&fb.out)
	if _, err := fb.w.Write(data); err != nil {
		return err
	}
	if err := fb.w.Close(); err != nil {
		return err
	}
	return use(fb.out.Bytes())
}
