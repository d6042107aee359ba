package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is a Sink that builds a new output tree beside the output folder and, on Commit,
// swaps it in.
type Dir struct {
	dest    string // the output folder, absolute
	staging string // the new tree being written
	dirs    sync.Map
	stamps  sync.Map // name → Stamp of every file of the new tree
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
	staging, err := os.MkdirTemp(parent, tempPrefix(dest, "new"))
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(staging, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(staging)
		return nil, err
	}
	return &Dir{dest: dest, staging: staging}, nil
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

// Write writes one file into the new tree.
func (d *Dir) Write(name string, data []byte) error {
	full, err := d.prepare(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return err
	}
	return d.record(name, full)
}

// Keep puts a file of the current output folder into the new tree unchanged: a hard
// link, so that a build that changes nothing in a file does not rewrite it.
func (d *Dir) Keep(name string) error {
	full, err := d.prepare(name)
	if err != nil {
		return err
	}
	if err := os.Link(filepath.Join(d.dest, filepath.FromSlash(name)), full); err != nil {
		return err
	}
	return d.record(name, full)
}

// Previous returns the stamp of a file of the current output folder, which the build
// replaces, if there is one.
func (d *Dir) Previous(name string) (Stamp, bool) {
	if checkName(name) != nil {
		return Stamp{}, false
	}
	info, err := os.Lstat(filepath.Join(d.dest, filepath.FromSlash(name)))
	if err != nil || !info.Mode().IsRegular() {
		return Stamp{}, false
	}
	return Stamp{info.Size(), info.ModTime().UnixNano()}, true
}

// Stamps returns the stamp of every file written or kept into the new tree.
func (d *Dir) Stamps() map[string]Stamp {
	out := map[string]Stamp{}
	d.stamps.Range(func(k, v any) bool {
		out[k.(string)] = v.(Stamp)
		return true
	})
	return out
}

// prepare checks a name and makes the folder its file goes in.
func (d *Dir) prepare(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	full := filepath.Join(d.staging, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if _, ok := d.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		d.dirs.Store(dir, true)
	}
	return full, nil
}

func (d *Dir) record(name, full string) error {
	info, err := os.Lstat(full)
	if err != nil {
		return err
	}
	d.stamps.Store(name, Stamp{info.Size(), info.ModTime().UnixNano()})
	return nil
}

// Commit puts the new tree in place of the output folder and removes the old one.
func (d *Dir) Commit() error {
	if _, err := os.Lstat(d.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(d.staging, d.dest)
	}
	old, err := swap(d.staging, d.dest)
	if err != nil {
		d.Abort()
		return fmt.Errorf("output: replacing %s: %w", d.dest, err)
	}
	if owned(old) {
		return os.RemoveAll(old)
	}
	return os.Remove(old) // an empty folder the user made for us
}

// Abort removes the new tree, leaving the output folder as it was.
func (d *Dir) Abort() error {
	if owned(d.staging) {
		return os.RemoveAll(d.staging)
	}
	return nil
}

// Path is the output folder.
func (d *Dir) Path() string { return d.dest }
