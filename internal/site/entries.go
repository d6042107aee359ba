package site

import (
	"sync"

	"dateline/internal/feed"
	"dateline/internal/store"
)

// entries keeps, during a one-off build, the feed entries of the articles that some feed
// lists, from the moment the article is converted until the feeds are written, in a
// spool. (The development server keeps entries in its cache instead.)
type entries struct {
	need  []bool // by article position: does a feed list it?
	json  map[int32]feed.Entry
	mu    sync.Mutex // guards json
	atoms *store.Spool
}

func newEntries(n int) *entries {
	return &entries{need: make([]bool, n), json: map[int32]feed.Entry{}, atoms: store.NewSpool()}
}

// keep stores the feed entry of the article at position i, if a feed needs it.
func (e *entries) keep(b *builder, i int, body []byte) error {
	if b.cache != nil || !e.need[i] {
		return nil
	}
	return e.store(b, i, body)
}

// store makes and stores the feed entry of the article at position i.
func (e *entries) store(b *builder, i int, body []byte) error {
	entry := b.entry(b.arch.Articles[i], body)
	if i < feed.Limit {
		e.mu.Lock()
		e.json[int32(i)] = entry
		e.mu.Unlock()
	}
	fb := pooled[feedBuf](&b.feedBufs)
	defer b.feedBufs.Put(fb)
	fb.out.Reset()
	if err := feed.WriteEntryXML(&fb.out, entry); err != nil {
		return err
	}
	return e.atoms.Put(int32(i), fb.out.Bytes())
}

// appendTo appends the Atom entry of the article at position i to dst, and reports
// whether it has one.
func (e *entries) appendTo(dst []byte, i int32) ([]byte, bool, error) {
	return e.atoms.AppendTo(dst, i)
}

// close removes the temporary file.
func (e *entries) close() {
	if e != nil {
		e.atoms.Close()
	}
}

// make converts the body of the article at position i for its feed entry, when a warm
// build kept its page and so never converted it, and stores the entry.
func (e *entries) make(b *builder, i int32) error {
	bd, err := b.convert(int(i))
	if err != nil {
		return err
	}
	return e.store(b, int(i), bd.html)
}

// appendAtomEntry appends the Atom entry of the article at position i to dst: from the
// temporary file in a one-off build, from the cache (made now if missing) in the
// development server.
func (b *builder) appendAtomEntry(dst []byte, i int32) ([]byte, error) {
	if b.cache == nil {
		x, ok, err := b.entries.appendTo(dst, i)
		if ok || err != nil {
			return x, err
		}
		if err := b.entries.make(b, i); err != nil {
			return dst, err
		}
		x, _, err = b.entries.appendTo(dst, i)
		return x, err
	}
	e, err := b.cachedEntry(i)
	if err != nil {
		return dst, err
	}
	return append(dst, e.atom...), nil
}

// jsonEntry returns the feed entry of one of the newest articles, for the JSON Feed.
func (b *builder) jsonEntry(i int32) (feed.Entry, error) {
	if b.cache == nil {
		b.entries.mu.Lock()
		e, ok := b.entries.json[i]
		b.entries.mu.Unlock()
		if ok {
			return e, nil
		}
		if err := b.entries.make(b, i); err != nil {
			return feed.Entry{}, err
		}
		b.entries.mu.Lock()
		defer b.entries.mu.Unlock()
		return b.entries.json[i], nil
	}
	e, err := b.cachedEntry(i)
	if err != nil {
		return feed.Entry{}, err
	}
	return e.e, nil
}

// cachedEntry returns the development server's entry for the article at position i.
func (b *builder) cachedEntry(i int32) (*entry, error) {
	a := b.arch.Articles[i]
	if e := b.cache.entry(a.Path, b.arts[i]); e != nil {
		return e, nil
	}
	bd, err := b.convert(int(i))
	if err != nil {
		return nil, err
	}
	fe := b.entry(a, bd.html)
	atom, err := feed.EntryXML(fe)
	if err != nil {
		return nil, err
	}
	e := &entry{key: b.arts[i], e: fe, atom: atom}
	b.cache.keepEntry(a.Path, e)
	return e, nil
}
