// Package config reads dateline.toml. Every key has a default, so a site with no
// dateline.toml at all builds; Load returns a Config whose values are all checked and
// ready to use (the time zone loaded, the base URL and permalink pattern parsed).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on hosts without a zoneinfo database

	"github.com/pelletier/go-toml/v2"

	"dateline/internal/diag"
	"dateline/internal/link"
	"dateline/internal/slug"
)

// File is the name of the configuration file at the root of a site.
const File = "dateline.toml"

// Config is a site's configuration, checked.
type Config struct {
	Title       string
	Description string // the front page's meta description; see DefaultDescription
	BaseURL     string
	Language    string
	Timezone    string
	Paginate    int
	Permalinks  Permalinks
	Markdown    Markdown
	Taxonomies  []Taxonomy
	Import      Import

	Location *time.Location `toml:"-"`
	Base     link.Base      `toml:"-"`
	Article  link.Pattern   `toml:"-"`
}

// Permalinks holds the URL patterns of pages whose URL can be chosen.
type Permalinks struct {
	Article string
}

// Import holds what dateline import needs beyond the source: [import.shortcodes] maps a
// site's own Hugo shortcode or Liquid tag name to a Go template of Markdown, which sees the
// shortcode's .Args, .Named and .Inner.
type Import struct {
	Shortcodes map[string]string
}

// Markdown holds the Markdown options.
type Markdown struct {
	Unsafe bool
}

// Taxonomy is a way of grouping articles by a front matter list field.
type Taxonomy struct {
	Name  string // the front matter key and URL segment: "topics"
	Title string // shown on pages: "Topics"
}

// DefaultTaxonomies are the newsroom taxonomies every site has.
var DefaultTaxonomies = []Taxonomy{
	{"topics", "Topics"}, {"people", "People"}, {"places", "Places"}, {"organizations", "Organizations"},
}

// Default returns the configuration of a site with no dateline.toml, checked.
func Default() *Config {
	c := defaults()
	if err := c.finish(nil); err != nil {
		panic(err) // the defaults are constants
	}
	return c
}

// defaults returns the default values, before a file is decoded over them.
func defaults() *Config {
	return &Config{
		Title:      "News archive",
		BaseURL:    "http://localhost/",
		Language:   "en",
		Timezone:   "UTC",
		Paginate:   20,
		Permalinks: Permalinks{Article: "/:year/:month/:day/:slug/"},
	}
}

// Load reads dateline.toml from the root of fsys, if there is one. Unknown keys are
// returned as warnings, so a typo is seen but does not stop a build.
func Load(fsys fs.FS) (cfg *Config, warnings []error, err error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return Parse(data)
}

// Parse reads a configuration from the bytes of a dateline.toml.
func Parse(data []byte) (cfg *Config, warnings []error, err error) {
	cfg = defaults()
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		var strict *toml.StrictMissingError
		var derr *toml.DecodeError
		switch {
		case errors.As(err, &strict):
			warnings = unknownKeys(strict)
			if err := toml.Unmarshal(data, cfg); err != nil {
				return nil, nil, decodeError(err)
			}
		default:
			if errors.As(err, &derr) {
				return nil, nil, decodeError(err)
			}
			return nil, nil, &diag.Error{Path: File, Line: 1, Col: 1, Msg: err.Error()}
		}
	}
	return cfg, warnings, cfg.finish(data)
}

func decodeError(err error) error {
	var derr *toml.DecodeError
	if errors.As(err, &derr) {
		line, col := derr.Position()
		return &diag.Error{Path: File, Line: line, Col: col, Msg: derr.Error(), Hint: "see the [markdown] and [permalinks] example in the README"}
	}
	return &diag.Error{Path: File, Line: 1, Col: 1, Msg: err.Error()}
}

// knownKeys lists the keys of dateline.toml, for "did you mean" hints.
var knownKeys = []string{"title", "description", "baseURL", "language", "timezone", "paginate", "permalinks", "markdown", "taxonomies", "article", "unsafe", "name", "import", "shortcodes"}

func unknownKeys(strict *toml.StrictMissingError) []error {
	var out []error
	for _, e := range strict.Errors {
		line, col := e.Position()
		key := strings.Join(e.Key(), ".")
		w := &diag.Error{Path: File, Line: line, Col: col, Warning: true, Msg: fmt.Sprintf("unknown key %q is ignored", key)}
		if near := diag.Nearest(e.Key()[len(e.Key())-1], knownKeys); near != "" {
			w.Hint = fmt.Sprintf("did you mean %q?", near)
		}
		out = append(out, w)
	}
	return out
}

// finish checks the values and derives the parsed forms. data is the file, to find the
// line of a bad value; nil when there is no file.
func (c *Config) finish(data []byte) error {
	var errs []error
	bad := func(table, key, msg string, args ...any) {
		errs = append(errs, &diag.Error{Path: File, Line: keyLine(data, table, key), Col: 1, Msg: fmt.Sprintf(msg, args...)})
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "" || c.Timezone == "Local" {
		bad("", "timezone", "timezone %q: not an IANA time zone name such as \"America/Denver\" or \"UTC\"", c.Timezone)
	}
	c.Location = loc
	if c.Base, err = link.ParseBase(c.BaseURL); err != nil {
		bad("", "baseURL", "%v", err)
	}
	if c.Article, err = link.ParsePattern(c.Permalinks.Article); err != nil {
		bad("permalinks", "article", "%v", err)
	}
	if c.Paginate < 1 {
		bad("", "paginate", "paginate = %d: want a number of articles per page, at least 1", c.Paginate)
	}
	taxonomies, err := mergeTaxonomies(c.Taxonomies)
	if err != nil {
		bad("", "taxonomies", "%v", err)
	}
	c.Taxonomies = taxonomies
	if strings.TrimSpace(c.Description) == "" {
		c.Description = DefaultDescription(c.Title)
	}
	return errors.Join(errs...)
}

// DefaultDescription is the front page's description of a site that sets none: search
// engines show it under the site's name, and an audit wants every page to have one.
func DefaultDescription(title string) string {
	return "The latest news from " + title + ", and every article in its archive by date, topic and author."
}

// SetBaseURL replaces the base URL, as --base-url does.
func (c *Config) SetBaseURL(s string) error {
	b, err := link.ParseBase(s)
	if err != nil {
		return err
	}
	c.BaseURL, c.Base = s, b
	return nil
}

// keyLine finds the line on which key is set inside [table] ("" for the top level), so
// that a bad value is reported where it is written. It returns 1 when it cannot tell.
func keyLine(data []byte, table, key string) int {
	current := ""
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			current = strings.Trim(line, "[] \t")
			continue
		}
		name, _, ok := strings.Cut(line, "=")
		if ok && current == table && strings.Trim(strings.TrimSpace(name), `"'`) == key {
			return i + 1
		}
	}
	return 1
}

// reservedNames are the first URL segments dateline uses itself, and the front matter
// fields that are not taxonomies; a site's own taxonomy may not take them.
var reservedNames = []string{"archive", "authors", "page", "feed.xml", "feed.json", "title", "date", "dek", "dateline",
	"updated", "image", "slug", "summary", "draft", "corrections", "aliases", "source", "author", "tags",
	"subtitle", "description", "lastmod", "css"}

// mergeTaxonomies adds a site's own taxonomies to the default four; one named like a
// default one renames it.
func mergeTaxonomies(own []Taxonomy) ([]Taxonomy, error) {
	out := slices.Clone(DefaultTaxonomies)
	for _, t := range own {
		if !slug.Valid(t.Name) || slices.Contains(reservedNames, t.Name) {
			return nil, fmt.Errorf("taxonomy name %q: want a lower-case name such as \"series\" that dateline does not use itself", t.Name)
		}
		if t.Title == "" {
			t.Title = strings.ToUpper(t.Name[:1]) + t.Name[1:]
		}
		if i := slices.IndexFunc(out, func(d Taxonomy) bool { return d.Name == t.Name }); i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	return out, nil
}
