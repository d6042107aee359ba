package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"dateline/internal/work"
)

// Dir is a Sink that builds a new output tree beside the output folder and, on Commit,
// swaps it in. The new tree is made when the first file needs it, so a build that finds
// nothing to change touches nothing. It is either a fresh folder or the spare: the tree
// of the build before last, which a warm build brings up to date in place (see UseSpare).
type Dir struct {
	dest    string // the output folder, absolute
	mu      sync.Mutex
	tree    string // the new tree, once made
	spare   bool   // the new tree is the spare, updated in place
	keepOld bool   // Commit keeps the replaced tree as the spare
	kept    bool   // and Commit did

	// Step, when set, is called before each change the Dir makes on disk, with its name
	// (see the Step constants), on whichever goroutine makes it. Tests kill a build there
	// to prove that every moment of it leaves the old site or the new one.
	Step func(step string)
}

// The steps a Dir reports to Step.
const (
	StepWrite     = "write"      // a file is written into the new tree
	StepKeep      = "keep"       // a file of the output is linked into the new tree
	StepSwap      = "swap"       // the new tree is about to replace the output folder
	StepSwapped   = "swapped"    // it has; the old tree is about to be removed or kept
	StepSpareLink = "spare-link" // a file is linked into a spare made after Commit
	StepSpare     = "spare"      // a spare is about to take the spare's name
)

// step reports a step to Step, when set.
func (d *Dir) step(name string) {
	if d.Step != nil {
		d.Step(name)
	}
}

// Stamp identifies a version of an output file without reading it.
type Stamp struct {
	Size    int64
	ModTime int64 // nanoseconds
}

// ErrNotOurs is returned when the output folder holds files dateline did not write.
var ErrNotOurs = errors.New("not a dateline output folder")

// OpenDir prepares a build into dest. It refuses a dest that is, contains or lies inside
// one of the inputs (the source folder and its content, templates and static folders),
// and a non-empty dest that dateline did not create. Leftovers of killed builds beside
// dest are removed.
func OpenDir(dest, source string, inputs []string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(dest, source, inputs); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(dest)
	return &Dir{dest: dest}, nil
}

// open makes the new tree, a fresh folder, unless UseSpare chose the spare.
func (d *Dir) open() (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.tree != "" {
		return d.tree, nil
	}
	staging, err := d.newTree()
	if err != nil {
		return "", err
	}
	d.tree = staging
	return staging, nil
}

// newTree makes a fresh tree beside the output folder, marked as ours, which the next
// build removes if this one is killed before it is swapped in or made the spare.
func (d *Dir) newTree() (string, error) {
	staging, err := os.MkdirTemp(filepath.Dir(d.dest), tempPrefix(d.dest, "new"))
	if err != nil {
		return "", err
	}
	if err := os.Chmod(staging, 0o755); err != nil { // MkdirTemp makes it private; a web server must read it
		os.Remove(staging)
		return "", err
	}
	markTop(staging)
	if err := os.WriteFile(filepath.Join(staging, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(staging)
		return "", err
	}
	return staging, nil
}

// Spare is where the spare tree of the output folder is kept: beside it, hidden.
func (d *Dir) Spare() string {
	return filepath.Join(filepath.Dir(d.dest), "."+filepath.Base(d.dest)+".dateline-spare")
}

// UseSpare makes the spare the new tree, which the build then brings up to date file by
// file (Write, Keep, Remove) instead of writing a whole tree: the caller knows what the
// spare holds. It reports false when there is no spare of ours.
func (d *Dir) UseSpare() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.tree != "" || !owned(d.Spare()) {
		return false
	}
	d.tree, d.spare = d.Spare(), true
	return true
}

// KeepOld makes Commit keep the tree it replaces as the spare, for the next build to
// update, instead of deleting it.
func (d *Dir) KeepOld() { d.keepOld = true }

// Opened reports whether the build has made or chosen its new tree.
func (d *Dir) Opened() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tree != ""
}

// tempPrefix names the trees a build keeps beside dest, hidden and recognisable.
func tempPrefix(dest, kind string) string {
	return "." + filepath.Base(dest) + ".dateline-" + kind + "-"
}

func checkDest(dest, source string, inputs []string) error {
	source, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	if within(source, dest) {
		return fmt.Errorf("--dest %s: is the site folder or contains it; hint: use a folder such as %s", dest, filepath.Join(source, "public"))
	}
	for _, in := range inputs {
		in = filepath.Join(source, in)
		if within(dest, in) || within(in, dest) {
			return fmt.Errorf("--dest %s: overlaps the input folder %s; hint: write the output elsewhere, such as %s", dest, in, filepath.Join(source, "public"))
		}
	}
	info, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() || info.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("--dest %s: %w: it is not a folder", dest, ErrNotOurs)
	}
	if owned(dest) || empty(dest) {
		return nil
	}
	return fmt.Errorf("--dest %s: %w: it holds files and no %s marker; hint: dateline replaces its output folder on every build, so give it a new or empty folder", dest, ErrNotOurs, Marker)
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func owned(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && info.Mode().IsRegular()
}

func empty(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}

// removeLeftovers deletes the trees of earlier builds that were killed before they
// finished; only those carrying the marker.
func removeLeftovers(dest string) {
	for _, kind := range []string{"new", "old"} {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), tempPrefix(dest, kind)+"*"))
		for _, m := range matches {
			if owned(m) {
				os.RemoveAll(m)
			}
		}
	}
}

// Write writes one file into the new tree. A file already there (in the spare) is
// replaced, never written through: it may be a hard link to a file of the live output.
func (d *Dir) Write(name string, data []byte) error {
	_, err := d.WriteStamp(name, data)
	return err
}

// WriteStamp is Write that returns the stamp of the file written.
func (d *Dir) WriteStamp(name string, data []byte) (Stamp, error) {
	full, err := d.path(name)
	if err != nil {
		return Stamp{}, err
	}
	d.step(StepWrite)
	if d.spare {
		if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
			return Stamp{}, err
		}
	}
	stamp, err := writeFile(full, data)
	if errors.Is(err, os.ErrNotExist) { // a new folder
		if err = d.mkdir(filepath.Dir(full)); err == nil {
			stamp, err = writeFile(full, data)
		}
	}
	return stamp, err
}

// Keep puts a file of the current output folder into the new tree unchanged: a hard
// link, so that a build that changes nothing in a file does not rewrite it.
func (d *Dir) Keep(name string) error {
	full, err := d.path(name)
	if err != nil {
		return err
	}
	d.step(StepKeep)
	if d.spare {
		if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return link(d.tree, d.dest, name)
}

// link puts the file name of the output folder into tree, as a hard link.
func link(tree, dest, name string) error {
	from, full := filepath.Join(dest, filepath.FromSlash(name)), filepath.Join(tree, filepath.FromSlash(name))
	err := os.Link(from, full)
	if errors.Is(err, os.ErrNotExist) {
		if err = mkdir(tree, filepath.Dir(full)); err == nil {
			err = os.Link(from, full)
		}
	}
	return err
}

// MakeSpare makes the spare anew after Commit, a tree of hard links to the files of the
// output folder (names, which the caller knows), when the build kept no old tree as the
// spare: the next build that changes something then updates it instead of making a
// whole tree, which costs a folder per article and made the first edit after a cold
// build cost a quarter of that build. The links are made on all cores.
func (d *Dir) MakeSpare(ctx context.Context, names []string) error {
	tree, err := d.newTree()
	if err != nil {
		return err
	}
	err = work.Each(ctx, len(names), 0, func(i int) error {
		if err := checkName(names[i]); err != nil {
			return err
		}
		d.step(StepSpareLink)
		return link(tree, d.dest, names[i])
	})
	if err == nil {
		d.step(StepSpare)
		err = d.dropSpare()
	}
	if err == nil {
		err = os.Rename(tree, d.Spare())
	}
	if err != nil {
		os.RemoveAll(tree)
	}
	return err
}

// Remove deletes a file from the spare that the new build no longer has, and the
// folders it leaves empty.
func (d *Dir) Remove(name string) error {
	if err := checkName(name); err != nil || !d.spare {
		return err
	}
	full := filepath.Join(d.tree, filepath.FromSlash(name))
	if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(full)
	for dir != d.tree && os.Remove(dir) == nil {
		dir = filepath.Dir(dir)
	}
	return nil
}

// Current returns the stamp of a file of the tree being built (spare: the file already
// there), if there is one.
func (d *Dir) Current(name string) (Stamp, bool) {
	if checkName(name) != nil || d.tree == "" {
		return Stamp{}, false
	}
	return stampOf(filepath.Join(d.tree, filepath.FromSlash(name)))
}

// Previous returns the stamp of a file of the current output folder, which the build
// replaces, if there is one.
func (d *Dir) Previous(name string) (Stamp, bool) {
	if checkName(name) != nil {
		return Stamp{}, false
	}
	return stampOf(filepath.Join(d.dest, filepath.FromSlash(name)))
}

func stampOf(full string) (Stamp, bool) {
	info, err := os.Lstat(full)
	if err != nil || !info.Mode().IsRegular() {
		return Stamp{}, false
	}
	return Stamp{info.Size(), info.ModTime().UnixNano()}, true
}

// path checks a name, makes the new tree if there is none yet, and returns where the
// file goes in it.
func (d *Dir) path(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	tree, err := d.open()
	if err != nil {
		return "", err
	}
	return filepath.Join(tree, filepath.FromSlash(name)), nil
}

// mkdir makes a folder of the new tree and the folders above it that are missing. A
// file is written first and its folder made only when that fails: most folders hold one
// page, and remembering every folder made would cost more than the one failed call.
// Top-level folders are spread over the disk (see spread_linux.go).
func (d *Dir) mkdir(dir string) error { return mkdir(d.tree, dir) }

// mkdir makes a folder of tree and the folders above it that are missing.
func mkdir(tree, dir string) error {
	err := mkdirOne(tree, dir)
	if errors.Is(err, os.ErrNotExist) && dir != tree {
		if err = mkdir(tree, filepath.Dir(dir)); err == nil {
			err = mkdirOne(tree, dir)
		}
	}
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	return err
}

func mkdirOne(tree, dir string) error {
	if filepath.Dir(dir) == tree {
		return mkdirSpread(dir)
	}
	return os.Mkdir(dir, 0o755)
}

// Commit puts the new tree in place of the output folder. The tree it replaces becomes
// the spare after KeepOld, and is removed otherwise. Without a new tree there is nothing
// to do.
func (d *Dir) Commit() error {
	if !d.Opened() {
		return nil
	}
	d.step(StepSwap)
	if _, err := os.Lstat(d.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(d.tree, d.dest)
	}
	old, err := swap(d.tree, d.dest)
	if err != nil {
		d.Abort()
		return fmt.Errorf("output: replacing %s: %w", d.dest, err)
	}
	d.step(StepSwapped)
	if !owned(old) {
		return os.Remove(old) // an empty folder the user made for us
	}
	if !d.keepOld {
		return os.RemoveAll(old)
	}
	if old != d.Spare() {
		d.step(StepSpare)
		if err := d.dropSpare(); err != nil {
			return err
		}
		if err := os.Rename(old, d.Spare()); err != nil {
			// Something not ours holds the spare's name: build without a spare.
			return os.RemoveAll(old)
		}
	}
	d.kept = true
	return nil
}

// dropSpare deletes the spare, if it is ours. It is moved aside under a leftover's name
// first: deleting a tree removes its marker at some point along the way, and a build
// killed after that would leave, under the spare's name, a folder that is neither ours
// nor gone, which no later spare could replace.
func (d *Dir) dropSpare() error {
	if !owned(d.Spare()) {
		return nil
	}
	aside, err := os.MkdirTemp(filepath.Dir(d.dest), tempPrefix(d.dest, "old"))
	if err == nil {
		err = os.Remove(aside)
	}
	if err == nil {
		err = os.Rename(d.Spare(), aside)
	}
	if err != nil {
		return err
	}
	return os.RemoveAll(aside)
}

// KeptOld reports whether Commit kept the tree it replaced as the spare.
func (d *Dir) KeptOld() bool { return d.kept }

// Abort removes a fresh new tree, leaving the output folder as it was. A spare being
// updated stays, for the next build to recognise as out of date.
func (d *Dir) Abort() error {
	if d.Opened() && !d.spare && owned(d.tree) {
		return os.RemoveAll(d.tree)
	}
	return nil
}

// Path is the output folder.
func (d *Dir) Path() string { return d.dest }
