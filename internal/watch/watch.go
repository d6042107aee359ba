// Package watch reports changes to the files of a site, for the development server.
//
// It watches folders recursively with fsnotify, adding folders created later, and reports
// changes in batches: a burst of events (an editor's save, a checkout, a copied folder)
// becomes one batch once the file system has been quiet for a moment. Editors' temporary
// and backup files never appear in a batch. A batch names paths relative to the site root,
// slash-separated; a path may name a folder that appeared or disappeared, and the caller
// looks at the disk to see what is there now. Saves that write a temporary file and
// rename it over the original (vim, JetBrains IDEs and many others) are seen as a change
// of the original.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"dateline/internal/content"
)

// Watcher watches folders and files of one site.
type Watcher struct {
	fs      *fsnotify.Watcher
	root    string
	files   []string // single files watched through their folder, such as dateline.toml
	quiet   time.Duration
	changes chan []string
	errors  chan error
	done    chan struct{}

	// Tests replace the quiet timer: seen is told each path as it joins the pending batch,
	// and a send on quietOver ends the quiet window, so that no test depends on how fast
	// the machine delivers events. Both are nil outside tests.
	seen      func(rel string)
	quietOver chan time.Time
}

// New watches the folders dirs (recursively) and the files files, all relative to root,
// and reports batches after quiet has passed without a new event. Folders that do not
// exist yet are watched once they appear in root.
func New(root string, dirs, files []string, quiet time.Duration) (*Watcher, error) {
	return newWatcher(&Watcher{root: root, files: files, quiet: quiet}, dirs)
}

// newWatcher starts w, filled in but for its channels and fsnotify watcher.
func newWatcher(w *Watcher, dirs []string) (*Watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w.fs, w.changes, w.errors, w.done = fw, make(chan []string, 16), make(chan error, 16), make(chan struct{})
	root := w.root
	if err := fw.Add(root); err != nil { // for dateline.toml and folders created later
		fw.Close()
		return nil, err
	}
	for _, d := range dirs {
		if err := w.addTree(filepath.Join(root, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fw.Close()
			return nil, err
		}
	}
	go w.loop(dirs)
	return w, nil
}

// Changes delivers batches of changed paths, sorted.
func (w *Watcher) Changes() <-chan []string { return w.changes }

// Errors delivers errors of the underlying watcher, such as an overflow of its queue.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching and closes Changes.
func (w *Watcher) Close() error {
	close(w.done)
	return w.fs.Close()
}

// addTree watches a folder and every folder under it, skipping ignored ones and
// symbolic links.
func (w *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && content.Ignored(d.Name()) {
			return filepath.SkipDir
		}
		return w.fs.Add(p)
	})
}

// loop gathers events into batches.
func (w *Watcher) loop(dirs []string) {
	defer close(w.changes)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	quietOver := timer.C
	if w.quietOver != nil {
		quietOver = w.quietOver
	}
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if rel, keep := w.relevant(ev, dirs); keep {
				pending[rel] = true
				timer.Reset(w.quiet)
				if w.seen != nil {
					w.seen(rel)
				}
			}
		case err, ok := <-w.fs.Errors:
			if ok {
				w.report(err)
			}
		case <-quietOver:
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			slices.Sort(batch)
			clear(pending)
			w.deliver(batch)
		}
	}
}

// deliver hands a batch to the reader, unless the watcher is closing.
func (w *Watcher) deliver(batch []string) {
	select {
	case w.changes <- batch:
	case <-w.done:
	}
}

// report hands on an error, dropping it rather than stalling when nobody reads errors.
func (w *Watcher) report(err error) {
	select {
	case w.errors <- err:
	default:
	}
}

// relevant decides whether an event belongs in a batch, and watches new folders.
func (w *Watcher) relevant(ev fsnotify.Event, dirs []string) (string, bool) {
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if ev.Op == fsnotify.Chmod || content.Ignored(filepath.Base(ev.Name)) {
		return "", false
	}
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(dirs, top) && !slices.Contains(w.files, rel) {
		return "", false
	}
	if ev.Op.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name)
		}
	}
	return rel, true
}
