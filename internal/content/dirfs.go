package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS returns the files under the folder root, as os.DirFS does, with a ReadFile that
// reads a file in fewer system calls: os.ReadFile makes an os.File, which asks for the
// file's flags and its size twice, and a build reads every article twice (its front
// matter, then its body when its page is made).
func DirFS(root string) fs.FS { return dirFS{FS: os.DirFS(root), root: root} }

type dirFS struct {
	fs.FS
	root string
}

func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	data, err := readFile(filepath.Join(d.root, filepath.FromSlash(name)))
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name // as os.DirFS says it: relative to the root
	}
	return data, err
}

// The rest is os.DirFS's own, which an embedded fs.FS would hide from io/fs.
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.FS, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.FS, name) }
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.FS, name) }
