package site

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"dateline/internal/content"
	"dateline/internal/output"
	"dateline/internal/work"
)

// The build store is what one build into a folder leaves for the next, in the site's
// .dateline-cache folder (Options.Cache), which is safe to delete at any time: then the
// next build is a cold one. It remembers, for every article file, its version and what it
// parsed to, and for every output file the signature of its job, a hash of its bytes and
// its stamp. A warm build then reads only the articles that changed, skips every job
// whose signature is the same and whose file is untouched, and compares what the other
// jobs make with the files they would replace. When no byte differs, nothing is touched.
//
// Otherwise the build needs a new tree to swap in (output.Dir). Making a whole tree of
// hard links costs a folder per article, so a warm build keeps the tree it replaced as
// the spare and, next time, brings the spare up to date instead: it links in the files
// that changed in the build before, writes those that change now, and removes what is
// gone. A cold build, which replaces no tree of its own, links the spare after it swaps
// its tree in: about 7% more for it (10,000 articles, ext4), and the first edit after it
// costs what a later one does, a third to a half less than with a whole tree to make.
// The store remembers what the spare holds; a file beside it names the store whose
// description is true, and is removed while the spare is being changed, so a build killed
// then leaves a spare that the next build does not trust.

// storeVersion changes whenever what the store holds, or how signatures are computed,
// changes; a store of another version is ignored.
const storeVersion = 6

const (
	storeFile = "build.store"
	spareFile = "spare" // the SpareID of the store that describes the spare tree
)

// pendingLimit is how many bytes of changed files a warm build holds in memory before
// it makes its new tree: most warm builds change a few files, or none.
const pendingLimit = 16 << 20

// CacheDir is the folder of a site that holds the build store. Its name starts with a
// dot, so dateline never reads it as content, and deleting it is always safe.
const CacheDir = ".dateline-cache"

type store struct {
	Key      uint64 // the configuration and options the articles were parsed with
	Dest     string // the output folder the outputs are in
	Articles map[string]storedArticle
	Outputs  map[string]storedOutput // by output name, "2024/01/02/x/index.html"
	Spare    map[string]storedOutput // what the spare tree holds, when SpareID is current
	SpareID  uint64
}

type storedArticle struct {
	Version content.Version
	Article *content.Article // saved without Params: those articles are parsed again
	Params  bool
	Outputs []string // the resource files its page job copies, as output names

	position int // in the build that saves it, whose spool may hold its excerpt; not saved
}

type storedOutput struct {
	Sig   uint64 // of the job that wrote it; 0 for a resource
	Hash  uint64 // of its bytes
	Stamp output.Stamp
}

// storeKey hashes what article metadata depends on besides the file itself.
func (b *builder) storeKey() uint64 {
	c := b.cfg
	s := newSum().u64(storeVersion, binaryStamp()).str(c.Title, c.BaseURL, c.Language, c.Timezone, c.Permalinks.Article)
	for _, t := range c.Taxonomies {
		s.str(t.Name, t.Title)
	}
	return s.u64(uint64(c.Paginate), boolBit(c.Markdown.Unsafe), boolBit(b.opts.Drafts), boolBit(b.opts.Future), boolBit(b.opts.Expired)).done()
}

// binaryStamp identifies the dateline program that is running, by its file's size and
// modification time: a new version may parse or render the same files differently, so it
// starts from a cold build rather than trust what an older one stored.
func binaryStamp() uint64 {
	exe, err := os.Executable()
	if err != nil {
		return 0
	}
	info, err := os.Stat(exe)
	if err != nil {
		return 0
	}
	return uint64(info.Size()) ^ uint64(info.ModTime().UnixNano())*0x9E3779B97F4A7C15
}

func boolBit(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

// loadStore reads the store of the last build, if there is one of this version. Its
// articles count only when they were parsed with the same configuration; its outputs
// describe the output folder whatever the configuration was.
func (b *builder) loadStore() {
	if b.opts.Cache == "" {
		return
	}
	st, err := readStore(filepath.Join(b.opts.Cache, storeFile))
	if err != nil {
		return // none, unreadable or of another version: a cold build
	}
	if st.Key != b.storeKey() {
		st.Articles = nil
	}
	b.store = st
}

// The store file is a header, then chunks of records, each in a frame of its own: its
// length, then its records (codec.go). In chunks, so that neither writing nor reading it
// holds a second copy of a large archive's metadata in memory; in frames, so that chunks
// are encoded and decoded on all cores. The header counts the records, so that the maps
// they go into are made at their size once, and so that a store cut short is known.
type storeHeader struct {
	Key      uint64
	Dest     string
	SpareID  uint64
	Articles int
	Outputs  int
	Spare    int
}

// storeMagic begins every store file, before the header frame, which begins with the
// store's version.
const storeMagic = "dateline build store\n"

type storeChunk struct {
	Articles []namedArticle
	Outputs  []namedOutput
	Spare    []namedOutput
}

type namedArticle struct {
	Path    string
	Article storedArticle
}

type namedOutput struct {
	Name   string
	Output storedOutput
}

const (
	chunkSize  = 256       // records in a chunk: small, so that its buffer is reused, not grown
	maxFrame   = 256 << 20 // a frame longer than this is a damaged file
	frameBatch = 4         // chunks encoded or decoded at once, a few per core
)

func (h storeHeader) encode(e *encoder) {
	e.uvarint(storeVersion)
	e.u64(h.Key)
	e.str(h.Dest)
	e.u64(h.SpareID)
	for _, n := range []int{h.Articles, h.Outputs, h.Spare} {
		e.uvarint(uint64(n))
	}
}

func decodeHeader(frame []byte) (storeHeader, error) {
	d := &decoder{b: frame}
	if v := d.uvarint(); d.err == nil && v != storeVersion {
		return storeHeader{}, fmt.Errorf("a store of version %d, not %d", v, storeVersion)
	}
	h := storeHeader{Key: d.u64(), Dest: d.str(), SpareID: d.u64()}
	for _, n := range []*int{&h.Articles, &h.Outputs, &h.Spare} {
		if *n = int(d.uvarint()); *n < 0 || *n > maxFrame { // decodeStore checks them against the file
			d.fail()
		}
	}
	return h, d.err
}

func (c *storeChunk) encode(e *encoder) {
	e.uvarint(uint64(len(c.Articles)))
	for _, a := range c.Articles {
		e.article(a.Article)
	}
	for _, list := range [][]namedOutput{c.Outputs, c.Spare} {
		e.uvarint(uint64(len(list)))
		for _, o := range list {
			e.output(o.Name, o.Output)
		}
	}
}

func (c *storeChunk) decode(frame []byte) error {
	d := &decoder{b: frame}
	c.Articles = make([]namedArticle, d.records(minArticleRecord))
	for i := range c.Articles {
		c.Articles[i] = d.article()
	}
	for _, list := range []*[]namedOutput{&c.Outputs, &c.Spare} {
		*list = make([]namedOutput, d.records(minOutputRecord))
		for i := range *list {
			(*list)[i] = d.output()
		}
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail()
	}
	return d.err
}

func readStore(path string) (*store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	st, err := decodeStore(bufio.NewReaderSize(f, 1<<16), info.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// decodeStore reads a store of size bytes.
func decodeStore(r *bufio.Reader, size int64) (*store, error) {
	magic := make([]byte, len(storeMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != storeMagic {
		return nil, errDamaged
	}
	fr := &frameReader{r: r, left: size - int64(len(magic))}
	frames, err := fr.read(1)
	if err != nil {
		return nil, err
	}
	h, err := decodeHeader(frames[0])
	if err != nil {
		return nil, err
	}
	if int64(h.Articles)*minArticleRecord+int64(h.Outputs+h.Spare)*minOutputRecord > size {
		return nil, fmt.Errorf("%w: more records than the file could hold", errDamaged)
	}
	st := &store{Key: h.Key, Dest: h.Dest, SpareID: h.SpareID,
		Articles: make(map[string]storedArticle, h.Articles), Outputs: make(map[string]storedOutput, h.Outputs)}
	if h.Spare > 0 {
		st.Spare = make(map[string]storedOutput, h.Spare)
	}
	for left := h.Articles + h.Outputs + h.Spare; left > 0; {
		frames, err = fr.read(frameBatch)
		if err != nil {
			return nil, err
		}
		chunks := make([]storeChunk, len(frames))
		err = work.Each(context.Background(), len(frames), 0, func(i int) error {
			return chunks[i].decode(frames[i])
		})
		if err != nil {
			return nil, err
		}
		for _, c := range chunks {
			left -= len(c.Articles) + len(c.Outputs) + len(c.Spare)
			if left < 0 || st.Spare == nil && len(c.Spare) > 0 {
				return nil, fmt.Errorf("%w: records the header does not count", errDamaged)
			}
			for _, a := range c.Articles {
				st.Articles[a.Path] = a.Article
			}
			for _, o := range c.Outputs {
				st.Outputs[o.Name] = o.Output
			}
			for _, o := range c.Spare {
				st.Spare[o.Name] = o.Output
			}
		}
	}
	if len(st.Articles) != h.Articles || len(st.Outputs) != h.Outputs || len(st.Spare) != h.Spare {
		return nil, fmt.Errorf("%w: records named twice", errDamaged)
	}
	return st, nil
}

// frameReader reads the frames of a store whose size it knows: a frame longer than what
// is left of the file is damage, found before room is made for it. Its buffers serve
// every read, so the caller copies what it keeps.
type frameReader struct {
	r    *bufio.Reader
	left int64 // bytes of the file not read yet
	bufs [][]byte
}

// read reads up to n frames, at least one.
func (fr *frameReader) read(n int) ([][]byte, error) {
	fr.bufs = fr.bufs[:0]
	for len(fr.bufs) < n {
		size, err := binary.ReadUvarint(fr.r)
		if err == io.EOF && len(fr.bufs) > 0 {
			break
		}
		if err != nil {
			return nil, err
		}
		var head [binary.MaxVarintLen64]byte
		if fr.left -= int64(binary.PutUvarint(head[:], size)); size > maxFrame || int64(size) > fr.left {
			return nil, fmt.Errorf("%w: a frame of %d bytes", errDamaged, size)
		}
		fr.left -= int64(size)
		var frame []byte
		if i := len(fr.bufs); i < cap(fr.bufs) {
			frame = fr.bufs[:i+1][i]
		}
		if uint64(cap(frame)) < size {
			frame = make([]byte, size)
		}
		frame = frame[:size]
		if _, err := io.ReadFull(fr.r, frame); err != nil {
			return nil, err
		}
		fr.bufs = append(fr.bufs, frame)
	}
	return fr.bufs, nil
}

// frameWriter encodes chunks, each into a frame of its own, on all cores, and writes the
// frames in order. Its buffers serve every batch.
type frameWriter struct {
	w    io.Writer
	bufs []encoder
}

func (fw *frameWriter) write(chunks []storeChunk) error {
	for len(fw.bufs) < len(chunks) {
		fw.bufs = append(fw.bufs, encoder{})
	}
	err := work.Each(context.Background(), len(chunks), 0, func(i int) error {
		fw.bufs[i].b = fw.bufs[i].b[:0]
		chunks[i].encode(&fw.bufs[i])
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range fw.bufs[:len(chunks)] {
		if err := fw.frame(e.b); err != nil {
			return err
		}
	}
	return nil
}

func (fw *frameWriter) frame(b []byte) error {
	var n [binary.MaxVarintLen64]byte
	if _, err := fw.w.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))]); err != nil {
		return err
	}
	_, err := fw.w.Write(b)
	return err
}

// known gives content.Load the articles the store knows at their version.
func (b *builder) known(path string, v content.Version) *content.Article {
	sa, ok := b.store.Articles[path]
	if !ok || sa.Version != v || sa.Params {
		return nil
	}
	return inZone(sa.Article.Shared(), b.cfg.Location)
}

// inZone puts the times of an article read from the store back in the site's time zone.
// The store keeps a time as an instant, read back in UTC, not its zone, whose
// abbreviation (MDT) pages print; the store is only used with the configuration it was
// saved with (storeKey).
func inZone(a *content.Article, loc *time.Location) *content.Article {
	a.Date = a.Date.In(loc)
	if !a.Updated.IsZero() || len(a.Corrections) > 0 {
		x := a.Own()
		x.Updated = inZoneOrZero(x.Updated, loc)
		for i := range x.Corrections {
			x.Corrections[i].Date = inZoneOrZero(x.Corrections[i].Date, loc)
		}
	}
	return a
}

func inZoneOrZero(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}

// warm is the state of a build into an output folder with a build store: what the
// output folder holds (from the store), and what this build keeps or changes.
type warm struct {
	dir     *output.Dir
	cache   string                  // the store's folder
	last    map[string]storedOutput // the output folder, as the last build left it
	spare   map[string]storedOutput // the spare tree, when the store's description holds
	mu      sync.Mutex
	outputs map[string]storedOutput // every file of this build
	kept    map[string]bool         // those kept from the output folder, not written
	pending map[string][]byte       // written before the new tree was made
	size    int                     // of pending

	madeSpare bool // the spare was made anew after Commit: it holds outputs
}

// newWarm prepares a build into dir of about files files. Without a store of builds into
// the same folder, every file is written.
func (b *builder) newWarm(dir *output.Dir, files int) *warm {
	w := &warm{dir: dir, cache: b.opts.Cache, outputs: make(map[string]storedOutput, files), kept: map[string]bool{}, pending: map[string][]byte{}}
	if st := b.store; st != nil && st.Dest == dir.Path() {
		w.last = st.Outputs
		if id, err := os.ReadFile(filepath.Join(b.opts.Cache, spareFile)); err == nil && st.SpareID != 0 && string(id) == fmt.Sprint(st.SpareID) {
			w.spare = st.Spare
		}
	}
	return w
}

// keep reports whether a job's file is the same as in the output folder, with the
// resources an article page copies, and notes it as kept when so.
func (b *builder) keep(j *job) bool {
	if b.warm == nil || b.warm.last == nil {
		return false
	}
	name := strings.TrimPrefix(j.path, "/")
	so, ok := b.warm.last[name]
	if !ok || so.Sig != j.sig {
		return false
	}
	names := []string{name}
	if j.path == searchMeta { // the index job: every file of the index proper
		names = append(names, b.searchKeep()...)
	}
	if j.file && j.page { // an article page: the resources it copies too
		sa, ok := b.store.Articles[j.from]
		if !ok {
			return false
		}
		names = append(names, sa.Outputs...)
	}
	for _, n := range names {
		if !b.warm.unchanged(n, b.warm.last[n].Hash) {
			return false
		}
	}
	for _, n := range names {
		b.warm.note(n, b.warm.last[n], true)
	}
	if j.file && j.page && len(names) > 1 {
		b.copied.Store(j.from, names[1:])
	}
	return true
}

// unchanged reports whether the output folder has a file by this name with these bytes,
// as the last build left it.
func (w *warm) unchanged(name string, hash uint64) bool {
	so, ok := w.last[name]
	if !ok || so.Hash != hash {
		return false
	}
	stamp, ok := w.dir.Previous(name)
	return ok && stamp == so.Stamp
}

func (w *warm) note(name string, so storedOutput, kept bool) {
	w.mu.Lock()
	w.outputs[name] = so
	if kept {
		w.kept[name] = true
	}
	w.mu.Unlock()
}

// put writes a file of a warm build, unless the output folder has it already.
func (w *warm) put(name string, data []byte) error {
	hash := xxhash.Sum64(data)
	if w.unchanged(name, hash) {
		w.note(name, w.last[name], true)
		return nil
	}
	w.mu.Lock()
	if w.last != nil && !w.dir.Opened() && w.size+len(data) <= pendingLimit {
		w.outputs[name] = storedOutput{Hash: hash}
		w.pending[name] = bytes.Clone(data) // the caller's buffer is reused
		w.size += len(data)
		w.mu.Unlock()
		return nil
	}
	err := w.open()
	w.mu.Unlock()
	if err != nil {
		return err
	}
	stamp, err := w.dir.WriteStamp(name, data)
	w.note(name, storedOutput{Hash: hash, Stamp: stamp}, false)
	return err
}

// open makes the new tree, the spare when the store describes it, and writes into it
// what was held back. It is called with mu held.
func (w *warm) open() error {
	if w.dir.Opened() {
		return nil
	}
	if w.last != nil {
		w.dir.KeepOld()
	}
	if w.spare != nil {
		// From here until the store is saved again the spare is neither tree: say so.
		if err := os.Remove(filepath.Join(w.cache, spareFile)); err != nil || !w.dir.UseSpare() {
			w.spare = nil
		}
	}
	for name, data := range w.pending {
		stamp, err := w.dir.WriteStamp(name, data)
		if err != nil {
			return err
		}
		w.outputs[name] = storedOutput{Hash: w.outputs[name].Hash, Stamp: stamp}
	}
	w.pending, w.size = nil, 0
	return nil
}

// finish completes a warm build: when no file changed it touches nothing; otherwise it
// completes the new tree, swaps it in and saves the store.
func (b *builder) finish(ctx context.Context, p *plan) (unchanged bool, err error) {
	w := b.warm
	gone := 0
	for name := range w.last {
		if _, ok := w.outputs[name]; !ok {
			gone++
		}
	}
	if !w.dir.Opened() && len(w.pending) == 0 && gone == 0 && w.last != nil {
		return true, wrapStore(b.saveStore(p, false))
	}
	w.mu.Lock()
	err = w.open()
	w.mu.Unlock()
	if err == nil {
		err = w.complete(ctx)
	}
	if err == nil {
		err = w.dir.Commit()
	}
	if err != nil {
		return false, err
	}
	if !w.dir.KeptOld() {
		w.makeSpare(ctx)
	}
	return false, wrapStore(b.saveStore(p, true))
}

// makeSpare makes the spare after a build that kept none (a cold one), so that the
// first edit after it costs what a later one does. It is only a head start: when it
// fails, the next build makes a whole tree as before.
func (w *warm) makeSpare(ctx context.Context) {
	// Whatever the store said of the spare stops being true now.
	if err := os.Remove(filepath.Join(w.cache, spareFile)); err != nil && !os.IsNotExist(err) {
		return
	}
	names := make([]string, 0, len(w.outputs))
	for name := range w.outputs {
		names = append(names, name)
	}
	w.madeSpare = w.dir.MakeSpare(ctx, names) == nil
}

// storeError is a failure to save the store, which fails no build: the next one is cold.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }

func wrapStore(err error) error {
	if err == nil {
		return nil
	}
	return &storeError{err}
}

// complete puts into the new tree every file kept from the output folder, and in the
// spare removes the files this build does not have.
func (w *warm) complete(ctx context.Context) error {
	kept := make([]string, 0, len(w.kept))
	for name := range w.kept {
		kept = append(kept, name)
	}
	err := work.Each(ctx, len(kept), 0, func(i int) error {
		name := kept[i]
		so := w.outputs[name]
		if sp, ok := w.spare[name]; ok && sp.Hash == so.Hash && sp.Stamp == so.Stamp {
			if cur, ok := w.dir.Current(name); ok && cur == so.Stamp {
				return nil // the spare has it already
			}
		}
		return w.dir.Keep(name)
	})
	if err != nil {
		return err
	}
	for name := range w.spare {
		if _, ok := w.outputs[name]; !ok {
			if err := w.dir.Remove(name); err != nil {
				return err
			}
		}
	}
	return nil
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

// resourceOutputs returns the resource files an article's page copied in this build.
func (b *builder) resourceOutputs(a *content.Article) []string {
	if v, ok := b.copied.Load(a.Path); ok {
		return v.([]string)
	}
	return nil
}

// saveStore writes the store for the next build. After a build that changed nothing it
// writes only when some signature or article version moved.
func (b *builder) saveStore(p *plan, committed bool) error {
	w := b.warm
	st := &store{Key: b.storeKey(), Dest: w.dir.Path(), Articles: map[string]storedArticle{}, Outputs: w.outputs}
	same := b.store != nil && len(b.store.Articles) == len(b.set.Articles)
	p.jobs(func(j *job) {
		name := strings.TrimPrefix(j.path, "/")
		if so, ok := st.Outputs[name]; ok {
			same = same && so.Sig == j.sig
			so.Sig = j.sig
			st.Outputs[name] = so
		}
	})
	for i, a := range b.arch.Articles {
		sa := storedArticle{Version: a.Version, Article: a, Params: len(a.Params) > 0, Outputs: b.resourceOutputs(a), position: i}
		same = same && b.store.Articles[a.Path].Version == sa.Version
		st.Articles[a.Path] = sa
	}
	switch {
	case !committed && same:
		return nil
	case !committed:
		st.Spare, st.SpareID = b.store.Spare, b.store.SpareID
	case w.dir.KeptOld():
		st.Spare, st.SpareID = w.last, uint64(time.Now().UnixNano())
	case w.madeSpare:
		st.Spare, st.SpareID = w.outputs, uint64(time.Now().UnixNano())
	}
	if err := writeStore(b.opts.Cache, st, b.excerpt); err != nil {
		return err
	}
	if !committed || st.Spare == nil {
		return nil
	}
	return os.WriteFile(filepath.Join(b.opts.Cache, spareFile), []byte(fmt.Sprint(st.SpareID)), 0o644)
}

// writeStore replaces the store file in one step. excerpt gives the excerpt of the
// article at a position of the build.
func writeStore(cache string, st *store, excerpt func(position int) (string, error)) error {
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	os.Remove(filepath.Join(cache, "build.gob")) // the store as gob wrote it, before version 5
	if stale, _ := filepath.Glob(filepath.Join(cache, storeFile+".*")); len(stale) > 0 {
		for _, f := range stale { // what builds killed while saving left
			os.Remove(f)
		}
	}
	tmp, err := os.CreateTemp(cache, storeFile+".*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = encodeStore(w, st, excerpt)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(cache, storeFile))
}

// encodeStore writes a store as a header and chunks, frameBatch chunks at a time. The
// articles are written without their Params (articles that have some are parsed again),
// with their excerpt.
func encodeStore(w io.Writer, st *store, excerpt func(position int) (string, error)) error {
	if _, err := io.WriteString(w, storeMagic); err != nil {
		return err
	}
	fw := &frameWriter{w: w}
	var head encoder
	storeHeader{st.Key, st.Dest, st.SpareID, len(st.Articles), len(st.Outputs), len(st.Spare)}.encode(&head)
	if err := fw.frame(head.b); err != nil {
		return err
	}
	batch := make([]storeChunk, 1, frameBatch)
	add := func() error {
		c := &batch[len(batch)-1]
		if len(c.Articles)+len(c.Outputs)+len(c.Spare) < chunkSize {
			return nil
		}
		if len(batch) < frameBatch {
			batch = append(batch, storeChunk{})
			return nil
		}
		err := fw.write(batch)
		batch = batch[:1]
		batch[0] = storeChunk{}
		return err
	}
	for path, sa := range st.Articles {
		a := *sa.Article
		var err error
		if a.Excerpt, err = excerpt(sa.position); err != nil {
			return err
		}
		sa.Article = &a
		c := &batch[len(batch)-1]
		c.Articles = append(c.Articles, namedArticle{path, sa})
		if err := add(); err != nil {
			return err
		}
	}
	for _, list := range []struct {
		m    map[string]storedOutput
		into func(*storeChunk) *[]namedOutput
	}{
		{st.Outputs, func(c *storeChunk) *[]namedOutput { return &c.Outputs }},
		{st.Spare, func(c *storeChunk) *[]namedOutput { return &c.Spare }},
	} {
		for name, so := range list.m {
			to := list.into(&batch[len(batch)-1])
			*to = append(*to, namedOutput{name, so})
			if err := add(); err != nil {
				return err
			}
		}
	}
	return fw.write(batch)
}
