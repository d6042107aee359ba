package site

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"dateline/internal/content"
	"dateline/internal/output"
)

// The build store is what one build into a folder leaves for the next, in the site's
// .dateline-cache folder (Options.Cache), which is safe to delete at any time: then the
// next build is a cold one. It remembers, for every article file, its version and what it
// parsed to, and for every output file the signature of its job, a hash of its bytes and
// its stamp. A warm build then reads only the articles that changed, keeps every output
// whose job's signature is the same and whose file is untouched (a hard link into the
// new tree: the file is not rewritten), and writes only files whose bytes changed.

// storeVersion changes whenever what the store holds, or how signatures are computed,
// changes; a store of another version is ignored.
const storeVersion = 1

const storeFile = "build.gob"

// CacheDir is the folder of a site that holds the build store. Its name starts with a
// dot, so dateline never reads it as content, and deleting it is always safe.
const CacheDir = ".dateline-cache"

type store struct {
	Version  int
	Key      uint64 // the configuration and options the articles were parsed with
	Articles map[string]storedArticle
	Outputs  map[string]storedOutput // by output name, "2024/01/02/x/index.html"
}

type storedArticle struct {
	Version content.Version
	Article content.Article // without Params: those articles are parsed again
	Params  bool
	Outputs []string // the resource files its page job copies, as output names
}

type storedOutput struct {
	Sig   uint64 // of the job that wrote it; 0 for a resource
	Hash  uint64 // of its bytes
	Stamp output.Stamp
}

// storeKey hashes what article metadata depends on besides the file itself.
func (b *builder) storeKey() uint64 {
	c := b.cfg
	s := newSum().u64(storeVersion).str(c.Title, c.BaseURL, c.Language, c.Timezone, c.Permalinks.Article)
	for _, t := range c.Taxonomies {
		s.str(t.Name, t.Title)
	}
	return s.u64(uint64(c.Paginate), boolBit(c.Markdown.Unsafe), boolBit(b.opts.Drafts), boolBit(b.opts.Future)).done()
}

func boolBit(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

// loadStore reads the store of the last build, or returns nil when there is none that
// fits this one.
func (b *builder) loadStore() {
	if b.opts.Cache == "" {
		return
	}
	data, err := os.ReadFile(filepath.Join(b.opts.Cache, storeFile))
	if err != nil {
		return
	}
	var st store
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&st) != nil || st.Version != storeVersion || st.Key != b.storeKey() {
		return
	}
	b.store = &st
}

// known gives content.Load the articles the store knows at their version.
func (b *builder) known(path string, v content.Version) *content.Article {
	sa, ok := b.store.Articles[path]
	if !ok || sa.Version != v || sa.Params {
		return nil
	}
	a := sa.Article
	return &a
}

// warm is the state of a build that has a store: the output folder it keeps files from,
// and the store it is making for the next build.
type warm struct {
	dir     *output.Dir
	mu      sync.Mutex
	written map[string]uint64 // output name → hash of what this build wrote or kept
	kept    int               // files kept without rewriting
}

// keep reports whether a job's file can be kept from the last build, and keeps it (and
// the resources an article page copies) when so.
func (b *builder) keep(j *job) bool {
	if b.warm == nil || b.store == nil {
		return false
	}
	name := strings.TrimPrefix(j.path, "/")
	so, ok := b.store.Outputs[name]
	if !ok || so.Sig != j.sig {
		return false
	}
	names := []string{name}
	if j.file && j.page { // an article page: the resources it copies too
		names = append(names, b.store.Articles[j.from].Outputs...)
	}
	for _, n := range names {
		prev, ok := b.warm.dir.Previous(n)
		if !ok || prev != b.store.Outputs[n].Stamp {
			return false
		}
	}
	for _, n := range names {
		if err := b.warm.dir.Keep(n); err != nil {
			return false
		}
		b.warm.note(n, b.store.Outputs[n].Hash, true)
	}
	if j.file && j.page {
		b.copied.Store(j.from, names[1:])
	}
	return true
}

// restoreExcerpts gives articles read again the excerpt their unchanged body had, for
// the lists that show them without their page being rendered.
func (b *builder) restoreExcerpts() {
	if b.store == nil {
		return
	}
	for _, a := range b.set.Articles {
		if sa, ok := b.store.Articles[a.Path]; ok && a.Excerpt == "" && sa.Article.Hash == a.Hash {
			a.Excerpt = sa.Article.Excerpt
		}
	}
}

// changed reports whether a warm build wrote anything or dropped a file of the last.
func (b *builder) changed() bool {
	if b.warm == nil || b.store == nil || b.warm.kept != len(b.warm.written) {
		return true
	}
	for name := range b.store.Outputs {
		if _, ok := b.warm.written[name]; !ok {
			return true
		}
	}
	return false
}

// resourceOutputs returns the resource files an article's page copied in this build.
func (b *builder) resourceOutputs(a *content.Article) []string {
	if v, ok := b.copied.Load(a.Path); ok {
		return v.([]string)
	}
	return nil
}

func (w *warm) note(name string, hash uint64, kept bool) {
	w.mu.Lock()
	w.written[name] = hash
	if kept {
		w.kept++
	}
	w.mu.Unlock()
}

// put writes a file of a warm build: kept from the last build when its bytes are the
// same, written otherwise.
func (b *builder) put(name string, data []byte) error {
	hash := xxhash.Sum64(data)
	if so, ok := b.storedOutput(name); ok && so.Hash == hash {
		if prev, ok := b.warm.dir.Previous(name); ok && prev == so.Stamp && b.warm.dir.Keep(name) == nil {
			b.warm.note(name, hash, true)
			return nil
		}
	}
	if err := b.warm.dir.Write(name, data); err != nil {
		return err
	}
	b.warm.note(name, hash, false)
	return nil
}

// storedOutput returns what the store knows of an output file.
func (b *builder) storedOutput(name string) (storedOutput, bool) {
	if b.store == nil {
		return storedOutput{}, false
	}
	so, ok := b.store.Outputs[name]
	return so, ok
}

// saveStore writes the store for the next build.
func (b *builder) saveStore(p *plan) error {
	if b.opts.Cache == "" || b.warm == nil {
		return nil
	}
	st := &store{Version: storeVersion, Key: b.storeKey(), Articles: map[string]storedArticle{}, Outputs: map[string]storedOutput{}}
	stamps := b.warm.dir.Stamps()
	for name, hash := range b.warm.written {
		st.Outputs[name] = storedOutput{Hash: hash, Stamp: stamps[name]}
	}
	p.jobs(func(j *job) {
		name := strings.TrimPrefix(j.path, "/")
		if so, ok := st.Outputs[name]; ok {
			so.Sig = j.sig
			st.Outputs[name] = so
		}
	})
	for _, a := range b.set.Articles {
		sa := storedArticle{Version: b.set.Version(a.Path), Article: *a, Params: len(a.Params) > 0, Outputs: b.resourceOutputs(a)}
		sa.Article.Params = nil
		st.Articles[a.Path] = sa
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(st); err != nil {
		return err
	}
	if err := os.MkdirAll(b.opts.Cache, 0o755); err != nil {
		return err
	}
	if stale, _ := filepath.Glob(filepath.Join(b.opts.Cache, storeFile+".*")); len(stale) > 0 {
		for _, f := range stale { // what builds killed while saving left
			os.Remove(f)
		}
	}
	tmp, err := os.CreateTemp(b.opts.Cache, storeFile+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	tmp.Close()
	return os.Rename(tmp.Name(), filepath.Join(b.opts.Cache, storeFile))
}
