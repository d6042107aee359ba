package site

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// docsFile is the search documents a build saves in the store's folder for the next one,
// which then converts only the articles that changed: the documents one after another,
// then an index of them by article path, with the signature of the sources each was
// made from, then where that index begins. It is written anew by every build that
// writes the index, beside the old one, which it replaces at the end.
type docsFile struct {
	path string
	key  uint64
	old  map[string]docRef
	oldF *os.File

	mu   sync.Mutex
	newF *os.File
	w    *bufio.Writer
	off  int64
	refs map[string]docRef
	err  error
}

type docRef struct {
	sig uint64
	off int64
	n   int
}

const (
	docsName  = "search.docs"
	docsMagic = "dateline search documents\n"
)

// openDocs opens the documents the last build saved, when they were made the way this
// build makes them, and starts the file of this build's. It is nil in a build without a
// store.
func (b *builder) openDocs() *docsFile {
	if b.out == nil {
		return nil
	}
	d := &docsFile{path: filepath.Join(b.out.Cache(), docsName), key: b.docsKey(), refs: map[string]docRef{}}
	d.readOld()
	if err := os.MkdirAll(b.out.Cache(), 0o755); err != nil {
		d.err = err
		return d
	}
	f, err := os.CreateTemp(b.out.Cache(), docsName+"-*")
	if err != nil {
		d.err = err
		return d
	}
	d.newF, d.w = f, bufio.NewWriterSize(f, 1<<20)
	d.w.WriteString(docsMagic)
	d.w.Write(binary.LittleEndian.AppendUint64(nil, d.key))
	d.off = int64(len(docsMagic) + 8)
	return d
}

// readOld reads the index of the last build's documents; on any damage there are none.
func (d *docsFile) readOld() {
	f, err := os.Open(d.path)
	if err != nil {
		return
	}
	info, err := f.Stat()
	head := make([]byte, len(docsMagic)+8)
	var tail [8]byte
	if err != nil || info.Size() < int64(len(head)+8) {
		f.Close()
		return
	}
	_, err1 := f.ReadAt(head, 0)
	_, err2 := f.ReadAt(tail[:], info.Size()-8)
	start := int64(binary.LittleEndian.Uint64(tail[:]))
	if err1 != nil || err2 != nil || string(head[:len(docsMagic)]) != docsMagic ||
		binary.LittleEndian.Uint64(head[len(docsMagic):]) != d.key || start < int64(len(head)) || start > info.Size()-8 {
		f.Close()
		return
	}
	refs, err := decodeDocRefs(io.NewSectionReader(f, start, info.Size()-8-start), start)
	if err != nil {
		f.Close()
		return
	}
	d.old, d.oldF = refs, f
}

func decodeDocRefs(r io.Reader, limit int64) (map[string]docRef, error) {
	br := bufio.NewReader(r)
	refs := map[string]docRef{}
	for {
		n, err := binary.ReadUvarint(br)
		if err == io.EOF {
			return refs, nil
		}
		if err != nil || n > 4096 {
			return nil, errors.New("damaged")
		}
		path := make([]byte, n)
		var fixed [20]byte
		if _, err := io.ReadFull(br, path); err != nil {
			return nil, err
		}
		if _, err := io.ReadFull(br, fixed[:]); err != nil {
			return nil, err
		}
		ref := docRef{sig: binary.LittleEndian.Uint64(fixed[:]), off: int64(binary.LittleEndian.Uint64(fixed[8:])), n: int(binary.LittleEndian.Uint32(fixed[16:]))}
		if ref.off < 0 || ref.off+int64(ref.n) > limit {
			return nil, errors.New("damaged")
		}
		refs[string(path)] = ref
	}
}

// get returns the saved document of an article at a signature of its sources, or nil.
func (d *docsFile) get(path string, sig uint64) []byte {
	if d == nil || d.oldF == nil {
		return nil
	}
	ref, ok := d.old[path]
	if !ok || ref.sig != sig {
		return nil
	}
	data := make([]byte, ref.n)
	if _, err := d.oldF.ReadAt(data, ref.off); err != nil {
		return nil
	}
	return data
}

// put saves the document of an article for the next build.
func (d *docsFile) put(path string, sig uint64, doc []byte) error {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err != nil || d.w == nil {
		return nil // the next build converts again: no reason to fail this one
	}
	_, d.err = d.w.Write(doc)
	d.refs[path] = docRef{sig: sig, off: d.off, n: len(doc)}
	d.off += int64(len(doc))
	return nil
}

// commit writes the index of the new file and puts it in place of the old.
func (d *docsFile) commit() error {
	if d == nil || d.w == nil || d.err != nil {
		return nil
	}
	var buf bytes.Buffer
	for _, path := range slices.Sorted(maps.Keys(d.refs)) {
		ref := d.refs[path]
		buf.Write(binary.AppendUvarint(nil, uint64(len(path))))
		buf.WriteString(path)
		buf.Write(binary.LittleEndian.AppendUint64(nil, ref.sig))
		buf.Write(binary.LittleEndian.AppendUint64(nil, uint64(ref.off)))
		buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(ref.n)))
	}
	buf.Write(binary.LittleEndian.AppendUint64(nil, uint64(d.off)))
	d.w.Write(buf.Bytes())
	if err := d.w.Flush(); err != nil {
		return nil
	}
	if err := d.newF.Close(); err != nil {
		return nil
	}
	if err := os.Rename(d.newF.Name(), d.path); err == nil {
		d.newF = nil
	}
	return nil
}

// close closes the files, removing a new one that was not committed.
func (d *docsFile) close() {
	if d == nil {
		return
	}
	if d.oldF != nil {
		d.oldF.Close()
	}
	if d.newF != nil {
		d.newF.Close()
		os.Remove(d.newF.Name())
	}
}
