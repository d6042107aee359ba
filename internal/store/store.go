package store

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/cespare/xxhash/v2"

	"dateline/internal/content"
	"dateline/internal/output"
	"dateline/internal/work"
)

// storeVersion changes whenever what the store holds, or how signatures are computed,
// changes; a store of another version is ignored.
const storeVersion = 6

const (
	storeFile = "build.store"
	spareFile = "spare" // the SpareID of the store that describes the spare tree
)

// CacheDir is the folder of a site that holds the build store. Its name starts with a
// dot, so dateline never reads it as content, and deleting it is always safe.
const CacheDir = ".dateline-cache"

// Store is what the last build into a folder left: the articles it read and the files it
// wrote.
type Store struct {
	Key      uint64 // the configuration and options the articles were parsed with (Key)
	Dest     string // the output folder the outputs are in
	Articles map[string]Article
	Outputs  map[string]Output // by output name, "2024/01/02/x/index.html"
	Spare    map[string]Output // what the spare tree holds, when SpareID is current
	SpareID  uint64
}

// Article is what the store keeps of an article file.
type Article struct {
	Version content.Version
	Article *content.Article // saved without Params: those articles are parsed again
	Params  bool
	Outputs []string // the resource files its page job copies, as output names

	Position int // in the build that saves it, whose spool may hold its excerpt; not saved
}

// Output is what the store keeps of an output file.
type Output struct {
	Sig   uint64 // of the job that wrote it; 0 for a resource
	Hash  uint64 // of its bytes
	Stamp output.Stamp
}

// Key makes the key of a store from a hash of what article metadata depends on besides
// the file itself (the configuration, the build's options): it adds the store's version
// and the running program, since a new version may parse or render the same files
// differently, and should start from a cold build rather than trust what an older one
// stored.
func Key(config uint64) uint64 {
	return xxhash.Sum64(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(
		binary.LittleEndian.AppendUint64(nil, storeVersion), binaryStamp()), config))
}

// binaryStamp identifies the dateline program that is running, by its file's size and
// modification time.
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

// Read reads the store in a cache folder, if there is one of this version: nil when
// there is none, or it is unreadable. Its articles count only when they were parsed with
// the same Key; its outputs describe the output folder whatever the key was.
func Read(cache string) *Store {
	if cache == "" {
		return nil
	}
	st, err := readStore(filepath.Join(cache, storeFile))
	if err != nil {
		return nil
	}
	return st
}

// Known returns the article the store knows at path and version, in the site's time
// zone, or nil: content.Load reads it instead of the file.
func (st *Store) Known(path string, v content.Version, loc *time.Location) *content.Article {
	sa, ok := st.Articles[path]
	if !ok || sa.Version != v || sa.Params {
		return nil
	}
	return inZone(sa.Article.Shared(), loc)
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
	Article Article
}

type namedOutput struct {
	Name   string
	Output Output
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

func readStore(path string) (*Store, error) {
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
func decodeStore(r *bufio.Reader, size int64) (*Store, error) {
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
	st := &Store{Key: h.Key, Dest: h.Dest, SpareID: h.SpareID,
		Articles: make(map[string]Article, h.Articles), Outputs: make(map[string]Output, h.Outputs)}
	if h.Spare > 0 {
		st.Spare = make(map[string]Output, h.Spare)
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

// articles are the articles a store file is written with: those of a Store read back
// (allOf), or a build's own, given one at a time, so that saving a large archive makes no
// map of them.
type articles struct {
	n   int
	all iter.Seq2[string, Article]
}

func allOf(m map[string]Article) articles { return articles{len(m), maps.All(m)} }

// writeStore replaces the store file in one step, with st's outputs and spare and the
// articles arts (st.Articles is not read). excerpt gives the excerpt of the article at a
// position of the build.
func writeStore(cache string, st *Store, arts articles, excerpt func(position int) (string, error)) error {
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
	err = encodeStore(w, st, arts, excerpt)
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
func encodeStore(w io.Writer, st *Store, arts articles, excerpt func(position int) (string, error)) error {
	if _, err := io.WriteString(w, storeMagic); err != nil {
		return err
	}
	fw := &frameWriter{w: w}
	var head encoder
	storeHeader{st.Key, st.Dest, st.SpareID, arts.n, len(st.Outputs), len(st.Spare)}.encode(&head)
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
	written := 0
	for path, sa := range arts.all {
		written++
		a := *sa.Article
		var err error
		if a.Excerpt, err = excerpt(sa.Position); err != nil {
			return err
		}
		sa.Article = &a
		c := &batch[len(batch)-1]
		c.Articles = append(c.Articles, namedArticle{path, sa})
		if err := add(); err != nil {
			return err
		}
	}
	if written != arts.n {
		return fmt.Errorf("%d articles to save, %d counted", written, arts.n)
	}
	for _, list := range []struct {
		m    map[string]Output
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
