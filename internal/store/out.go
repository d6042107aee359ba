package store

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"dateline/internal/output"
	"dateline/internal/work"
)

// pendingLimit is how many bytes of changed files a warm build holds in memory before
// it makes its new tree: most warm builds change a few files, or none.
const pendingLimit = 16 << 20

// Out is an output folder seen through the build store: an output.Sink for a build that
// knows what the last build into the same folder left there. A job whose file is in
// place as the last build left it is kept (Keep) instead of run; a file whose bytes are
// the same as in place is kept instead of written. Finish swaps the new tree in, or
// touches nothing when no file changed, and saves the store for the next build.
type Out struct {
	dir     *output.Dir
	cache   string // the store's folder; "" for a build without a store
	last    *Store
	lastOut map[string]Output // the output folder, as the last build left it
	spare   map[string]Output // the spare tree, when the store's description holds

	mu      sync.Mutex
	outputs map[string]Output // every file of this build
	kept    map[string]bool   // those kept from the output folder, not written
	pending map[string][]byte // written before the new tree was made
	size    int               // of pending

	madeSpare bool // the spare was made anew after Commit: it holds outputs
}

// Open puts an output folder behind the build store in the folder cache, CacheDir of the
// site; "" for none, and then every file is written.
func Open(dir *output.Dir, cache string) *Out {
	o := &Out{dir: dir, cache: cache, outputs: map[string]Output{}, kept: map[string]bool{}, pending: map[string][]byte{}}
	if o.last = Read(cache); o.last != nil && o.last.Dest == dir.Path() {
		o.lastOut = o.last.Outputs
		if id, err := os.ReadFile(filepath.Join(cache, spareFile)); err == nil && o.last.SpareID != 0 && string(id) == fmt.Sprint(o.last.SpareID) {
			o.spare = o.last.Spare
		}
	}
	return o
}

// Cache is the store's folder, "" for none.
func (o *Out) Cache() string { return o.cache }

// Last is the store the last build left, nil for none.
func (o *Out) Last() *Store { return o.last }

// Abort drops what the build wrote; the output folder stays as it was.
func (o *Out) Abort() error { return o.dir.Abort() }

// Keep reports whether the files of a job of signature sig (names: its own first, then
// those it wrote beside it) are in place as the last build left them, by a job of the
// same signature, and keeps them in this build when so.
func (o *Out) Keep(sig uint64, names []string) bool {
	if o.lastOut == nil || len(names) == 0 {
		return false
	}
	if so, ok := o.lastOut[names[0]]; !ok || so.Sig != sig {
		return false
	}
	for _, n := range names {
		if !o.unchanged(n, o.lastOut[n].Hash) {
			return false
		}
	}
	for _, n := range names {
		o.note(n, o.lastOut[n], true)
	}
	return true
}

// LastFiles lists the files the last build left in the output folder.
func (o *Out) LastFiles() iter.Seq[string] {
	return func(yield func(string) bool) {
		for name := range o.lastOut {
			if !yield(name) {
				return
			}
		}
	}
}

// Counts says how many files this build has, how many are HTML pages and how many were
// kept from the last build.
func (o *Out) Counts() (files, pages, kept int) {
	for name := range o.outputs {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	return len(o.outputs), pages, len(o.kept)
}

// unchanged reports whether the output folder has a file by this name with these bytes,
// as the last build left it.
func (o *Out) unchanged(name string, hash uint64) bool {
	so, ok := o.lastOut[name]
	if !ok || so.Hash != hash {
		return false
	}
	stamp, ok := o.dir.Previous(name)
	return ok && stamp == so.Stamp
}

func (o *Out) note(name string, so Output, kept bool) {
	o.mu.Lock()
	o.outputs[name] = so
	if kept {
		o.kept[name] = true
	}
	o.mu.Unlock()
}

// Write writes a file of the build, unless the output folder has it already.
func (o *Out) Write(name string, data []byte) error {
	if o.cache == "" {
		return o.dir.Write(name, data)
	}
	hash := xxhash.Sum64(data)
	if o.unchanged(name, hash) {
		o.note(name, o.lastOut[name], true)
		return nil
	}
	o.mu.Lock()
	if o.lastOut != nil && !o.dir.Opened() && o.size+len(data) <= pendingLimit {
		o.outputs[name] = Output{Hash: hash}
		o.pending[name] = bytes.Clone(data) // the caller's buffer is reused
		o.size += len(data)
		o.mu.Unlock()
		return nil
	}
	err := o.open()
	o.mu.Unlock()
	if err != nil {
		return err
	}
	stamp, err := o.dir.WriteStamp(name, data)
	o.note(name, Output{Hash: hash, Stamp: stamp}, false)
	return err
}

// open makes the new tree, the spare when the store describes it, and writes into it
// what was held back. It is called with mu held.
func (o *Out) open() error {
	if o.dir.Opened() {
		return nil
	}
	if o.lastOut != nil {
		o.dir.KeepOld()
	}
	if o.spare != nil {
		// From here until the store is saved again the spare is neither tree: say so.
		if err := os.Remove(filepath.Join(o.cache, spareFile)); err != nil || !o.dir.UseSpare() {
			o.spare = nil
		}
	}
	for name, data := range o.pending {
		stamp, err := o.dir.WriteStamp(name, data)
		if err != nil {
			return err
		}
		o.outputs[name] = Output{Hash: o.outputs[name].Hash, Stamp: stamp}
	}
	o.pending, o.size = nil, 0
	return nil
}

// Save is what a build tells Finish for the store it saves.
type Save struct {
	Key      uint64
	Articles iter.Seq2[string, Article]         // every article of the build, by path
	Count    int                                // of Articles
	Same     bool                               // the articles are those of the last store, at the same versions
	Sigs     iter.Seq2[string, uint64]          // the signature of the job of every file that has one
	Excerpt  func(position int) (string, error) // the excerpt of the article at a position
}

// Finish completes a build: when no file changed it touches nothing; otherwise it
// completes the new tree and swaps it in. Then it saves the store, unless the build was
// made without one or nothing it holds moved. A store that could not be saved fails no
// build (the next one is cold): it is returned as a *SaveError.
func (o *Out) Finish(ctx context.Context, s Save) (unchanged bool, err error) {
	if o.cache == "" {
		return false, o.dir.Commit()
	}
	gone := 0
	for name := range o.lastOut {
		if _, ok := o.outputs[name]; !ok {
			gone++
		}
	}
	if !o.dir.Opened() && len(o.pending) == 0 && gone == 0 && o.lastOut != nil {
		return true, wrapSave(o.save(s, false))
	}
	o.mu.Lock()
	err = o.open()
	o.mu.Unlock()
	if err == nil {
		err = o.complete(ctx)
	}
	if err == nil {
		err = o.dir.Commit()
	}
	if err != nil {
		return false, err
	}
	if !o.dir.KeptOld() {
		o.makeSpare(ctx)
	}
	return false, wrapSave(o.save(s, true))
}

// makeSpare makes the spare after a build that kept none (a cold one), so that the
// first edit after it costs what a later one does. It is only a head start: when it
// fails, the next build makes a whole tree as before.
func (o *Out) makeSpare(ctx context.Context) {
	// Whatever the store said of the spare stops being true now.
	if err := os.Remove(filepath.Join(o.cache, spareFile)); err != nil && !os.IsNotExist(err) {
		return
	}
	names := make([]string, 0, len(o.outputs))
	for name := range o.outputs {
		names = append(names, name)
	}
	o.madeSpare = o.dir.MakeSpare(ctx, names) == nil
}

// SaveError is a failure to save the store, which fails no build: the next one is cold.
type SaveError struct{ err error }

func (e *SaveError) Error() string { return e.err.Error() }
func (e *SaveError) Unwrap() error { return e.err }

func wrapSave(err error) error {
	if err == nil {
		return nil
	}
	return &SaveError{err}
}

// complete puts into the new tree every file kept from the output folder, and in the
// spare removes the files this build does not have.
func (o *Out) complete(ctx context.Context) error {
	kept := make([]string, 0, len(o.kept))
	for name := range o.kept {
		kept = append(kept, name)
	}
	err := work.Each(ctx, len(kept), 0, func(i int) error {
		name := kept[i]
		so := o.outputs[name]
		if sp, ok := o.spare[name]; ok && sp.Hash == so.Hash && sp.Stamp == so.Stamp {
			if cur, ok := o.dir.Current(name); ok && cur == so.Stamp {
				return nil // the spare has it already
			}
		}
		return o.dir.Keep(name)
	})
	if err != nil {
		return err
	}
	for name := range o.spare {
		if _, ok := o.outputs[name]; !ok {
			if err := o.dir.Remove(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// save writes the store for the next build. After a build that changed nothing it
// writes only when some signature or article version moved.
func (o *Out) save(s Save, committed bool) error {
	st := &Store{Key: s.Key, Dest: o.dir.Path(), Outputs: o.outputs}
	same := o.last != nil && s.Same
	for name, sig := range s.Sigs {
		if so, ok := st.Outputs[name]; ok {
			same = same && so.Sig == sig
			so.Sig = sig
			st.Outputs[name] = so
		}
	}
	switch {
	case !committed && same:
		return nil
	case !committed:
		st.Spare, st.SpareID = o.last.Spare, o.last.SpareID
	case o.dir.KeptOld():
		st.Spare, st.SpareID = o.lastOut, uint64(time.Now().UnixNano())
	case o.madeSpare:
		st.Spare, st.SpareID = o.outputs, uint64(time.Now().UnixNano())
	}
	if err := writeStore(o.cache, st, articles{s.Count, s.Articles}, s.Excerpt); err != nil {
		return err
	}
	if !committed || st.Spare == nil {
		return nil
	}
	return os.WriteFile(filepath.Join(o.cache, spareFile), []byte(fmt.Sprint(st.SpareID)), 0o644)
}
