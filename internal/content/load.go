package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"dateline/internal/config"
	"dateline/internal/diag"
	"dateline/internal/link"
	"dateline/internal/progress"
	"dateline/internal/work"
)

// ContentDir is the folder of a site that holds its articles.
const ContentDir = "content"

// Options choose which articles a build includes.
type Options struct {
	Drafts  bool // include articles marked draft
	Future  bool // include articles dated after Now (embargoed)
	Expired bool // include articles whose expiry date has passed

	// ThemeParams are the front matter keys the templates read (.Params.series): the
	// warning about fields nothing uses leaves them out.
	ThemeParams []string
	Now         time.Time // the build time that decides what is embargoed

	// Known, when set, may return the article a file of the given size and modification
	// time parsed to in an earlier build, so that it is not read again.
	Known func(path string, v Version) *Article

	// Once says the Set is for one build and is never Applied to: it then forgets what
	// only Apply needs, every parsed file by path.
	Once bool

	// Progress, when set, counts the articles read.
	Progress *progress.Meter
}

// Version identifies a version of a file by its size and modification time.
type Version struct {
	Size    int64
	ModTime int64 // nanoseconds
}

// Set is the loaded content of a site: its articles, in path order, and the other files
// under content/ that articles may use as resources. A Set never changes once returned;
// Apply returns a new one for changed files, sharing what did not change.
type Set struct {
	Articles []*Article // the articles of the build, drafts and embargoes left out as asked
	Skipped  Skipped
	Warnings []error

	fsys     fs.FS
	cfg      *config.Config
	opts     Options
	parsed   map[string]*Article // every article file that parses, in the build or not
	problems map[string]error    // every file's errors and warnings, joined
	links    map[string]error    // warnings about symbolic links, by path
	trees    map[string]uint64   // folder → a hash of the stamps of every file under it
	files    map[string]uint64   // every file under content/ that is not an article → its stamp
	bundles  map[string][]string // a bundle's folder → its resource files, sorted
	sizes    *sync.Map           // file path → imageSize
}

// Skipped counts the articles left out of the build, so that none disappears unnoticed.
type Skipped struct {
	Drafts  int
	Future  int
	Expired int
}

// Load reads every article under content/ in fsys, in parallel, and returns them with all
// their problems joined into one error. When some articles have errors, the Set still
// holds the others, so that later checks can report their problems in the same run.
// Warnings do not fail the load; they are in Set.Warnings.
func Load(ctx context.Context, cfg *config.Config, fsys fs.FS, opts Options) (*Set, error) {
	s := &Set{fsys: fsys, cfg: cfg, opts: opts, parsed: map[string]*Article{}, problems: map[string]error{},
		links: map[string]error{}, files: map[string]uint64{}, sizes: &sync.Map{}}
	articles, err := s.walk(ContentDir)
	if err != nil {
		return nil, err
	}
	if err := s.read(ctx, articles); err != nil {
		return nil, err
	}
	err = s.finish()
	if opts.Once {
		s.parsed = nil
	}
	return s, err
}

// read parses article files on all cores into the Set.
func (s *Set) read(ctx context.Context, articles []string) error {
	parsed := make([]*Article, len(articles))
	problems := make([]error, len(articles))
	versions := make([]Version, len(articles))
	s.opts.Progress.Start("reading articles", len(articles))
	// Twice as many workers as cores: reading a file waits for the disk.
	err := work.Each(ctx, len(articles), 2*runtime.GOMAXPROCS(0), func(i int) error {
		p := articles[i]
		defer s.opts.Progress.Step()
		info, err := fs.Stat(s.fsys, p)
		if err == nil {
			versions[i] = Version{info.Size(), info.ModTime().UnixNano()}
			if s.opts.Known != nil {
				if a := s.opts.Known(p, versions[i]); a != nil {
					parsed[i] = a
					return nil
				}
			}
		}
		data, err := readArticle(s.fsys, p, versions[i].Size)
		if err != nil {
			problems[i] = err
			return nil
		}
		parsed[i], problems[i] = Parse(s.cfg, p, data)
		return nil
	})
	if err != nil {
		return err
	}
	for i, p := range articles {
		delete(s.parsed, p)
		delete(s.problems, p)
		if parsed[i] != nil {
			parsed[i].Version = versions[i]
			s.parsed[p] = parsed[i]
		}
		if problems[i] != nil {
			s.problems[p] = problems[i]
		}
	}
	return nil
}

// finish derives the articles of the build, the skipped counts, the warnings and the
// errors from what was read.
func (s *Set) finish() error {
	s.groupBundles()
	s.stampTrees()
	paths := make([]string, 0, len(s.parsed))
	for p := range s.parsed {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	s.Articles, s.Skipped = make([]*Article, 0, len(paths)), Skipped{}
	var problems []error
	for _, p := range paths {
		a := s.parsed[p]
		problems = append(problems, s.checkImage(a))
		switch {
		case a.Draft && !s.opts.Drafts:
			s.Skipped.Drafts++
		case a.Date.After(s.opts.Now) && !s.opts.Future:
			s.Skipped.Future++
		case !a.Expires.IsZero() && !a.Expires.After(s.opts.Now) && !s.opts.Expired:
			s.Skipped.Expired++
		default:
			s.Articles = append(s.Articles, a)
		}
	}
	for _, err := range s.problems {
		problems = append(problems, err)
	}
	for _, err := range s.links {
		problems = append(problems, err)
	}
	problems = append(problems, s.unusedFields(paths), s.rawHTML(paths))
	errs, warnings := diag.Split(errors.Join(problems...))
	diag.Sort(errs)
	diag.Sort(warnings)
	s.Warnings = warnings
	return errors.Join(errs...)
}

// Ignored reports whether a file or folder name is left out of a site: names starting
// with _ or ., and editors' temporary, backup, swap and lock files (vim's ~ backups, .swp
// and its 4913 probe, Emacs's #autosave#, JetBrains's ___jb_tmp___).
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crdownload"),
		name == "4913":
		return true
	}
	return false
}

// walk lists the articles under root (content/ or a folder in it) and records the other
// files, skipping ignored names and symbolic links (which could lead outside the site).
func (s *Set) walk(root string) ([]string, error) {
	if info, err := fs.Lstat(s.fsys, root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if root == ContentDir {
			return nil, &diag.Error{Path: ContentDir + "/", Msg: "is a symbolic link, which dateline does not follow",
				Hint: "make content/ a real folder of the site"}
		}
		s.links[root] = &diag.Error{Path: root, Warning: true, Msg: "symbolic link not followed", Hint: "copy the file into the site instead"}
		return nil, nil
	}
	var articles []string
	err := fs.WalkDir(s.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir && errors.Is(err, fs.ErrNotExist) {
				return &diag.Error{Path: ContentDir + "/", Msg: "no such folder", Hint: "run dateline init DIR to create a site, or pass --source DIR"}
			}
			return &diag.Error{Path: p, Msg: err.Error(), Err: err}
		}
		if p != ContentDir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			s.links[p] = &diag.Error{Path: p, Warning: true, Msg: "symbolic link not followed",
				Hint: "copy the file into the site instead"}
		case d.IsDir():
		case IsArticle(p):
			articles = append(articles, p)
		default:
			s.files[p] = stamp(d)
		}
		return nil
	})
	return articles, err
}

// IsArticle reports whether a file under content/ is an article.
func IsArticle(p string) bool { return strings.EqualFold(path.Ext(p), ".md") }

// groupBundles gives every bundle (a folder with index.md) the files in its folder and in
// its subfolders that are not bundles themselves.
func (s *Set) groupBundles() {
	s.bundles = map[string][]string{}
	for p := range s.parsed {
		if path.Base(p) == "index.md" {
			s.bundles[path.Dir(p)] = nil
		}
	}
	for p := range s.problems {
		if path.Base(p) == "index.md" {
			s.bundles[path.Dir(p)] = nil
		}
	}
	for f := range s.files {
		for dir := path.Dir(f); dir != ContentDir && dir != "."; dir = path.Dir(dir) {
			if _, ok := s.bundles[dir]; ok {
				s.bundles[dir] = append(s.bundles[dir], f)
				break
			}
		}
	}
	for dir := range s.bundles {
		sort.Strings(s.bundles[dir])
	}
}

// Dir returns the folder an article's relative references are resolved in.
func Dir(a *Article) string { return path.Dir(a.Path) }

// BundleFiles returns the resource files of a bundle article, which are copied next to its
// page whether or not its text refers to them.
func (s *Set) BundleFiles(a *Article) []string {
	if !a.Bundle {
		return nil
	}
	return s.bundles[Dir(a)]
}

// Resource resolves a reference written in an article (an image or link target such as
// "photo.jpg") to a file of the site. It never resolves outside the article's folder.
func (s *Set) Resource(a *Article, ref string) (string, bool) {
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		ref = ref[:i]
	}
	if ref == "" || strings.HasPrefix(ref, "/") || strings.Contains(ref, "\\") {
		return "", false
	}
	p := path.Join(Dir(a), ref)
	if _, ok := s.files[p]; !ok || !strings.HasPrefix(p, Dir(a)+"/") {
		return "", false
	}
	return p, true
}

// MaxArticleSize is the largest article file dateline reads. A news article is a few
// kilobytes; a file of many megabytes is a mistake (a data dump, a pasted image) that
// would cost the build time and memory, so it is an error instead.
const MaxArticleSize = 16 << 20

// readArticle reads an article file of the given size (from a stat of it, or the
// version it was read at), refusing one past MaxArticleSize before reading it, and one
// that has grown past it since.
func readArticle(fsys fs.FS, p string, size int64) ([]byte, error) {
	tooLarge := func(size int64) error {
		return &diag.Error{Path: p, Line: 1, Col: 1,
			Msg:  fmt.Sprintf("the file is %.1f MB; an article may be at most %d MB", float64(size)/(1<<20), MaxArticleSize>>20),
			Hint: "split it, or move large data out of content/ and link to it"}
	}
	if size > MaxArticleSize {
		return nil, tooLarge(size)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, &diag.Error{Path: p, Msg: err.Error(), Err: err}
	}
	if len(data) > MaxArticleSize {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

// Body returns the Markdown body of an article, read again from its file.
func (s *Set) Body(a *Article) ([]byte, error) {
	data, err := readArticle(s.fsys, a.Path, a.Version.Size)
	if err != nil {
		return nil, err
	}
	split, err := SplitFile(a.Path, data)
	if err != nil {
		return nil, fmt.Errorf("%s changed during the build: %w", a.Path, err)
	}
	return split.Body, nil
}

// ReadFile reads a file of the site, such as a resource.
func (s *Set) ReadFile(p string) ([]byte, error) {
	return fs.ReadFile(s.fsys, p)
}

// checkImage reports a lead image that names a file which is not beside the article.
func (s *Set) checkImage(a *Article) error {
	if a.Image == nil || !link.IsLocal(a.Image.Src) {
		return nil
	}
	if _, ok := s.Resource(a, a.Image.Src); ok {
		return nil
	}
	return &diag.Error{Path: a.Path, Line: int(a.ImageAt.Line), Col: int(a.ImageAt.Col),
		Msg:  fmt.Sprintf("image: %q: no such file beside the article", a.Image.Src),
		Hint: fmt.Sprintf("put the file in %s/, or write the path from the site root, such as /images/photo.jpg", Dir(a))}
}

// stamp identifies a version of a file by its size and modification time, so that a
// rebuild can tell a changed resource without reading it.
func stamp(d fs.DirEntry) uint64 {
	info, err := d.Info()
	if err != nil {
		return 1
	}
	return uint64(info.Size())*1_000_003 ^ uint64(info.ModTime().UnixNano()) | 1
}

// stampTrees hashes, for every folder, the stamps of the files under it.
func (s *Set) stampTrees() {
	s.trees = map[string]uint64{}
	for f, st := range s.files {
		h := xxhash.Sum64String(f) ^ st*0x9e3779b97f4a7c15
		for d := path.Dir(f); ; d = path.Dir(d) {
			s.trees[d] ^= h // order-free, so map order does not matter
			if d == ContentDir || d == "." || d == "/" {
				break
			}
		}
	}
}

// FilesStamp is a hash of the stamps of every file an article may use: all files under
// its folder. It changes when one of them does.
func (s *Set) FilesStamp(a *Article) uint64 { return s.trees[Dir(a)] }

// Stamp returns the stamp of a resource file, or 0 when there is none at p.
func (s *Set) Stamp(p string) uint64 { return s.files[p] }
