// Package theme owns what a site looks like: the default theme embedded in the binary,
// overlaid file by file with the site's own templates/ and static/ folders. A file the
// site provides replaces the theme's file of the same path; every other file of the
// theme stays.
package theme

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"

	"dateline"
	"dateline/internal/diag"
)

// Folders a site may use to override the theme.
const (
	TemplatesDir = "templates"
	StaticDir    = "static"
)

// Theme is the default theme with a site's overrides.
type Theme struct {
	Templates fs.FS    // rooted at the templates folder
	Static    fs.FS    // rooted at the static folder
	Params    []string // the front matter keys templates read as .Params.NAME, sorted
	Warnings  []error
}

// Load overlays the site's templates/ and static/ (from site, which may lack either)
// on the embedded default theme.
func Load(site fs.FS) (*Theme, error) {
	return LoadOver(dateline.Theme(), site)
}

// LoadOver overlays site on base; both hold templates/ and static/ folders.
func LoadOver(base, site fs.FS) (*Theme, error) {
	t := &Theme{}
	var err error
	if t.Templates, err = t.overlayDir(base, site, TemplatesDir); err != nil {
		return nil, err
	}
	if t.Static, err = t.overlayDir(base, site, StaticDir); err != nil {
		return nil, err
	}
	if t.Params, err = readParams(t.Templates); err != nil {
		return nil, err
	}
	return t, nil
}

// paramUse matches a template's use of a front matter key: .Params.series or
// index .Params "series".
var paramUse = regexp.MustCompile(`\.Params\.([A-Za-z0-9_]+)|index\s+\S*\.Params\s+"([^"]+)"`)

// readParams lists the front matter keys the templates read, so that the build warns only
// of keys nothing shows.
func readParams(templates fs.FS) ([]string, error) {
	seen := map[string]bool{}
	err := fs.WalkDir(templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(templates, p)
		for _, m := range paramUse.FindAllSubmatch(src, -1) {
			seen[string(m[1])+string(m[2])] = true
		}
		return err
	})
	return slices.Sorted(maps.Keys(seen)), err
}

func (t *Theme) overlayDir(base, site fs.FS, dir string) (fs.FS, error) {
	lower, err := fs.Sub(base, dir)
	if err != nil {
		return nil, err
	}
	if info, err := fs.Lstat(site, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// A linked folder could lead anywhere on the disk; the theme's own stays.
		t.Warnings = append(t.Warnings, &diag.Error{Path: dir + "/", Warning: true,
			Msg: "is a symbolic link, which dateline does not follow", Hint: "make it a real folder of the site"})
		return lower, nil
	}
	upper, err := fs.Sub(site, dir)
	if err != nil {
		return nil, err
	}
	return overlay{upper: upper, lower: lower}, nil
}

// overlay is a read-only fs.FS whose upper layer hides the lower one file by file.
type overlay struct{ upper, lower fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	// Lstat, not Stat: a symbolic link in the site could lead outside it.
	if info, err := fs.Lstat(o.upper, name); err == nil && info.Mode().IsRegular() {
		return o.upper.Open(name)
	}
	return o.lower.Open(name)
}

// ReadDir merges both layers, so fs.WalkDir sees every file of the theme and the site.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	up, errUp := fs.ReadDir(o.upper, name)
	low, errLow := fs.ReadDir(o.lower, name)
	if errUp != nil && errLow != nil {
		return nil, errLow
	}
	byName := map[string]fs.DirEntry{}
	for _, e := range low {
		byName[e.Name()] = e
	}
	for _, e := range up {
		if e.Type()&fs.ModeSymlink != 0 {
			continue // a link could lead outside the site
		}
		byName[e.Name()] = e
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Files lists every file of an overlaid folder, sorted, skipping ignored names.
func Files(fsys fs.FS, ignored func(string) bool) ([]string, error) {
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == "." {
			return fs.SkipAll
		}
		if err != nil {
			return err
		}
		if p != "." && ignored(path.Base(p)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && d.Type()&fs.ModeSymlink == 0 {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}
