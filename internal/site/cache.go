package site

import (
	"sync"

	"dateline/internal/feed"
)

// cache is what the development server keeps between rebuilds: the converted bodies and
// the feed entries of articles, by path, each with the article signature it was made
// from. A one-off build has none (a nil *cache), so bodies never pile up in memory.
type cache struct {
	mu      sync.Mutex
	bodies  map[string]*body
	entries map[string]*entry
	gen     map[string]uint64 // raised when a file an article uses changes
}

// entry is an article's feed entry, encoded for Atom.
type entry struct {
	key  uint64
	e    feed.Entry
	atom []byte
}

func newCache() *cache {
	return &cache{bodies: map[string]*body{}, entries: map[string]*entry{}, gen: map[string]uint64{}}
}

// body returns the body converted for an article signature, or nil.
func (c *cache) body(path string, key uint64) *body {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if bd := c.bodies[path]; bd != nil && bd.key == key {
		return bd
	}
	return nil
}

// keep remembers a converted body.
func (c *cache) keep(path string, bd *body) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.bodies[path] = bd
	c.mu.Unlock()
}

// generation is raised each time a resource an article may use changes.
func (c *cache) generation(path string) uint64 {
	if c == nil {
		return 0
	}
	return c.gen[path]
}

// entry returns the feed entry made for an article signature, or nil.
func (c *cache) entry(path string, key uint64) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[path]; e != nil && e.key == key {
		return e
	}
	return nil
}

func (c *cache) keepEntry(path string, e *entry) {
	c.mu.Lock()
	c.entries[path] = e
	c.mu.Unlock()
}
