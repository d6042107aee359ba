package site

import (
	"encoding/binary"
	"time"

	"github.com/cespare/xxhash/v2"

	"dateline/internal/archive"
	"dateline/internal/content"
)

// Every job carries a signature: a hash of everything its output depends on. Two builds
// that give a job the same signature give it the same bytes, so the development server
// re-renders only the jobs whose signature changed since the page it serves. Signatures
// are built from a few shared parts: the site's (configuration, newest year), the
// templates' (per page kind, from render.Renderer.Sig), and each article's.

// sum accumulates the parts of a signature.
type sum struct{ d *xxhash.Digest }

func newSum() sum { return sum{xxhash.New()} }

func (s sum) str(vs ...string) sum {
	for _, v := range vs {
		s.d.WriteString(v)
		s.d.Write([]byte{0})
	}
	return s
}

func (s sum) u64(vs ...uint64) sum {
	var b [8]byte
	for _, v := range vs {
		binary.LittleEndian.PutUint64(b[:], v)
		s.d.Write(b[:])
	}
	return s
}

func (s sum) time(t time.Time) sum { return s.u64(uint64(t.UnixNano())).str(t.Location().String()) }

func (s sum) ids(arts []uint64, ids []int32) sum {
	for _, id := range ids {
		s.u64(arts[id])
	}
	return s.u64(uint64(len(ids)))
}

func (s sum) done() uint64 { return s.d.Sum64() }

// siteSig hashes what every page shows of the site.
func (b *builder) siteSig() uint64 {
	c := b.cfg
	s := newSum().str(c.Title, c.BaseURL, c.Language, c.Timezone, c.Permalinks.Article).u64(uint64(c.Paginate))
	for _, t := range c.Taxonomies {
		s.str(t.Name, t.Title)
	}
	for _, p := range b.views.Site.Pages {
		s.str(p.Name, p.URL)
	}
	return s.u64(uint64(b.views.Site.Year)).done()
}

// articleSigs computes two signatures of every article: srcs, of its file and of the
// files it uses (gen, which the development server raises when one of them changes),
// which says whether its body must be converted again; and arts, which adds where it is
// published and the spellings its terms and authors are shown under, and says whether its
// page and feed entries must be rendered again.
func (b *builder) articleSigs(gen func(path string) uint64) {
	n := len(b.arch.Articles)
	b.srcs, b.arts, b.mods = make([]uint64, n), make([]uint64, n), make([]uint64, n)
	for i, a := range b.arch.Articles {
		if b.same(i) {
			b.srcs[i], b.arts[i], b.mods[i] = b.prev.srcs[i], b.prev.arts[i], b.prev.mods[i]
			continue
		}
		b.mods[i] = uint64(a.Modified().UnixNano())
		b.srcs[i] = newSum().u64(a.Hash, gen(a.Path), b.set.FilesStamp(a)).done()
		s := newSum().u64(b.srcs[i]).str(a.Path, a.URL)
		b.names(s, a)
		b.arts[i] = s.done()
	}
}

// same reports whether the article at position i is unchanged since the previous build
// of the development server, so that its signatures can be taken over.
func (b *builder) same(i int) bool { return b.unchanged != nil && b.unchanged(i) }

// names adds to s the spellings an article's terms and authors are shown under.
func (b *builder) names(s sum, a *content.Article) {
	add := func(t *archive.Taxonomy, terms []string) {
		for _, name := range terms {
			if term := t.Term(name); term != nil {
				s.str(term.Name)
			}
		}
	}
	for ti, t := range b.arch.Taxonomies {
		add(t, a.Terms[ti])
	}
	add(b.arch.Authors, a.Authors)
}
