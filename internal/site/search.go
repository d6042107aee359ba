package site

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"dateline/internal/archive"
	"dateline/internal/render"
	"dateline/internal/search"
	"dateline/internal/slug"
	"dateline/internal/work"
)

// The search index (package search) lives in /search/: the page, the fragments that
// results show, each a planned job of its own, and the index proper, written by one job
// whose signature covers every document: it runs only when something searchable
// changed, and even then the files whose bytes are the same are kept (store.Out.Write). A
// document is made when its article's body is converted (convert); the index job needs
// every document: a build adds each to the indexer as it is made and, with a
// build store, saves it in a file of the store's folder for the next build, which then
// converts only what changed and reads the rest from there.
const (
	searchDir  = "/search/"
	searchMeta = searchDir + "meta.z"
)

// searchState is what a build keeps for the index.
type searchState struct {
	an *search.Analyzer
	z  search.Compressor

	// Documents go to the indexer as their articles are converted, and, with a build
	// store, to the file of documents for the next build; added says which did, by
	// position.
	ix    *search.Indexer
	saved *docsFile
	added []bool

	mu    sync.Mutex
	files []string // the site paths the index job wrote
	ran   bool     // the index job ran in this build
}

// start prepares the indexer of a build, and returns what ends it.
func (s *searchState) start(b *builder) (end func()) {
	s.ix = search.NewIndexer(s.an, b.arch.Listed)
	s.saved = b.openDocs()
	s.added = make([]bool, len(b.arch.Articles))
	return func() {
		s.ix.Close()
		s.saved.close()
	}
}

// add gives the indexer the document of the article at position i, just made.
func (s *searchState) add(b *builder, i int, doc []byte) error {
	if s == nil || s.ix == nil || doc == nil {
		return nil
	}
	s.added[i] = true
	if err := s.ix.Add(b.docID(i), doc); err != nil {
		return err
	}
	a := b.arch.Articles[i]
	return s.saved.put(a.Path, b.srcs[i], doc)
}

// newSearchState returns the state of a site language's index, and whether search has a
// stemmer for it.
func newSearchState(language string) (*searchState, bool) {
	an, ok := search.NewAnalyzer(language)
	return &searchState{an: an}, ok
}

// document analyses an article whose body is html, or returns nil when the article is
// not searched: a standalone page, or a build without search.
func (b *builder) document(i int, html []byte) []byte {
	if b.search == nil || i >= b.arch.Listed {
		return nil
	}
	a := b.arch.Articles[i]
	f := search.Fields{Headline: a.Title, Dek: a.Dek, Body: html}
	for ti, t := range b.cfg.Taxonomies {
		for _, name := range a.Terms[ti] {
			f.Names = append(f.Names, name)
			if t.Name == "topics" {
				f.Filters = append(f.Filters, search.FilterTerm("topic", slug.Make(name)))
			}
		}
	}
	for _, name := range a.Authors {
		f.Filters = append(f.Filters, search.FilterTerm("author", slug.Make(name)))
	}
	return b.search.an.Analyze(f, nil)
}

// docID is the search document number of the article at position i: oldest first.
func (b *builder) docID(i int) int32 { return int32(b.arch.Listed - 1 - i) }

// position is the article position of a document number.
func (b *builder) position(id int) int { return b.arch.Listed - 1 - id }

// planIndex plans the index proper. It is the first job after the articles, whose
// documents it needs, so that the lists are made while it sorts and writes.
func (b *builder) planIndex(p *plan) {
	if b.search == nil {
		return
	}
	meta := b.searchMeta()
	p.add(job{path: searchMeta, from: "the search index", sig: b.indexSig(meta), run: func() error { return b.index(meta) }})
}

// planSearch plans the search page and the fragments.
func (b *builder) planSearch(p *plan) {
	if b.search == nil {
		return
	}
	p.add(job{path: searchDir + "index.html", from: "the search page", sig: newSum().u64(b.site, b.render.Sig("search")).done(),
		run: func() error { return b.page("search", b.views.SearchPage(searchDir), searchDir+"index.html") }})
	n := b.arch.Listed
	for block := 0; block*search.FragmentSize < n; block++ {
		var pos []int32
		for id := block * search.FragmentSize; id < min(n, (block+1)*search.FragmentSize); id++ {
			pos = append(pos, int32(b.position(id)))
		}
		p.add(job{path: searchDir + search.Fragment(block), from: "the search index", sig: newSum().u64(b.site).ids(b.arts, pos).done(),
			run: func() error { return b.fragment(block, pos) }})
	}
}

// fragment writes what results show of a block of documents.
func (b *builder) fragment(block int, pos []int32) error {
	entries := make([]search.Entry, len(pos))
	for k, i := range pos {
		a := b.arch.Articles[i]
		dek := a.Dek
		if dek == "" {
			dek = a.Summary
		}
		if dek == "" {
			var err error
			if dek, err = b.excerpt(int(i)); err != nil {
				return err
			}
		}
		var byline []string
		for _, name := range a.Authors {
			if t := b.arch.Authors.Term(name); t != nil {
				byline = append(byline, t.Name)
			}
		}
		date := render.Time{Time: a.Date}
		entries[k] = search.Entry{URL: b.views.URL(a.URL), Headline: a.Title, Dek: dek, ISO: date.ISO(), Date: date.Short(), Byline: render.Series(byline)}
	}
	return b.search.z.Fragment(entries, func(data []byte) error { return b.write(searchDir+search.Fragment(block), data) })
}

// searchMeta is what the search page's filters offer.
func (b *builder) searchMeta() search.Meta {
	var m search.Meta
	for id := 0; id < b.arch.Listed; id++ {
		y := b.arch.Articles[b.position(id)].Date.Year()
		if len(m.Years) == 0 || m.Years[len(m.Years)-1].Year != y {
			m.Years = append(m.Years, search.Year{Year: y, First: id})
		}
		m.Years[len(m.Years)-1].Last = id
	}
	for _, t := range b.arch.Taxonomies {
		if t.Name == "topics" {
			m.Topics = facets(t)
		}
	}
	m.Authors = facets(b.arch.Authors)
	return m
}

// facets lists a taxonomy's terms, the most used first, then by name.
func facets(t *archive.Taxonomy) []search.Facet {
	out := make([]search.Facet, 0, len(t.Terms))
	for _, term := range t.Terms {
		out = append(out, search.Facet{Name: term.Name, Slug: term.Slug, Count: len(term.Articles)})
	}
	slices.SortFunc(out, func(x, y search.Facet) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Name, y.Name), strings.Compare(x.Slug, y.Slug))
	})
	return out
}

// indexSig covers everything the index proper depends on: how documents are made, each
// document's sources and number, and the filters.
func (b *builder) indexSig(m search.Meta) uint64 {
	s := newSum().u64(b.docsKey(), uint64(b.arch.Listed))
	for id := 0; id < b.arch.Listed; id++ {
		i := b.position(id)
		s.u64(b.srcs[i]).str(b.arch.Articles[i].Path)
	}
	for _, y := range m.Years {
		s.u64(uint64(y.Year), uint64(y.First), uint64(y.Last))
	}
	for _, fs := range [][]search.Facet{m.Topics, m.Authors} {
		s.str("")
		for _, f := range fs {
			s.str(f.Name, f.Slug).u64(uint64(f.Count))
		}
	}
	return s.done()
}

// docsKey hashes what documents depend on besides an article's sources.
func (b *builder) docsKey() uint64 {
	return newSum().u64(b.storeKey(), search.Version).done()
}

// index writes the index proper from every document.
func (b *builder) index(m search.Meta) error {
	s := b.search
	s.mu.Lock()
	s.ran, s.files = true, nil
	s.mu.Unlock()
	ix, saved := s.ix, s.saved
	err := work.Each(context.Background(), b.arch.Listed, 0, func(id int) error {
		i := b.position(id)
		if s.added != nil && s.added[i] {
			return nil
		}
		return b.addDoc(ix, id, saved)
	})
	if err == nil {
		err = ix.Finish(context.Background(), m, func(name string, data []byte) error {
			s.mu.Lock()
			s.files = append(s.files, searchDir+name)
			s.mu.Unlock()
			return b.write(searchDir+name, data)
		})
	}
	if err == nil {
		err = saved.commit()
	}
	return err
}

// addDoc adds the document of an article that was not converted in this build: kept by
// the development server, saved by the last build, or, failing both or when the index
// finds it damaged, made now. It saves what it added for the next build.
func (b *builder) addDoc(ix *search.Indexer, id int, saved *docsFile) error {
	i := b.position(id)
	a := b.arch.Articles[i]
	var d []byte
	if bd := b.cache.body(a.Path, b.srcs[i]); bd != nil {
		d = bd.doc
	}
	if d == nil {
		d = saved.get(a.Path, b.srcs[i])
	}
	if d == nil || ix.Add(int32(id), d) != nil {
		bd, err := b.convert(i)
		if err != nil {
			return err
		}
		if d = bd.doc; d == nil {
			return nil
		}
		if err := ix.Add(int32(id), d); err != nil {
			return fmt.Errorf("%s: %w", a.Path, err)
		}
	}
	return saved.put(a.Path, b.srcs[i], d)
}

// searchKeep lists the files of the index proper that the last build into the output
// folder wrote, which a kept index job keeps.
func (b *builder) searchKeep() []string {
	var names []string
	for name := range b.out.LastFiles() {
		if strings.HasPrefix(name, "search/") && name != strings.TrimPrefix(searchMeta, "/") &&
			!strings.HasPrefix(name, "search/f/") && name != "search/index.html" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
