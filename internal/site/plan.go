package site

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/progress"
	"dateline/internal/theme"
	"dateline/internal/work"
)

// job is one file of the build, planned before anything is written. A large archive has
// hundreds of thousands besides its articles' pages, so the fields are ordered to pack.
type job struct {
	path   string        // the site path it writes: "/2024/03/05/x/index.html"
	from   string        // what asks for it, for errors: a file, or "the page Topics: Water"
	what   func() string // makes from when it is "", only when an error needs it
	run    func() error  // writes it; an article's page is written by plan.article instead
	shows  []int32       // the articles a page shows, whose latest change is its lastmod
	modSig uint64        // changes whenever that lastmod does (the sitemap's signature)
	sig    uint64        // a hash of everything the output depends on (sig.go)
	pos    content.Pos   // where in from, when from is a file
	file   bool          // from names a file of the site
	page   bool          // an HTML page that belongs in the sitemap
}

// plan is every job of a build, in two phases: the articles, whose conversion fills in
// what the second phase lists (summaries, feed entries), then everything else. An
// article's page job is all the article's but its signature, so the plan keeps only the
// signatures and makes such a job when it is asked for (at): a million-article build
// would otherwise hold 100 MB of copies.
type plan struct {
	articles []uint64 // the signature of each article's page job, by position
	rest     []job
	claims   []job                         // files that a job of the first phase writes besides its page
	article  func(i int32) error           // runs the job of an article's page
	page     func(i int32, sig uint64) job // makes the job of an article's page
	meter    *progress.Meter               // counts the jobs run, when set
}

// add appends a job to the second phase.
func (p *plan) add(j job) { p.rest = append(p.rest, j) }

// check reports every site path that two jobs would write, naming both.
func (p *plan) check() error {
	owner := make(map[string]int32, p.size()+len(p.claims)) // job numbers; a claim's is -1-index
	at := func(n int32) job {
		if n < 0 {
			return p.claims[-1-n]
		}
		return p.at(n)
	}
	var errs []error
	note := func(n int32, j *job) {
		prev, taken := owner[j.path]
		if !taken {
			owner[j.path] = n
			return
		}
		pj := at(prev)
		errs = append(errs, clash(j, &pj))
	}
	for i := range int32(len(p.articles)) {
		j := p.at(i)
		note(i, &j)
	}
	for k := range p.claims {
		note(int32(-1-k), &p.claims[k])
	}
	for k := range p.rest {
		note(int32(len(p.articles)+k), &p.rest[k])
	}
	diag.Sort(errs)
	return errors.Join(errs...)
}

// source names what asks for a job.
func (j *job) source() string {
	if j.from == "" && j.what != nil {
		return j.what()
	}
	return j.from
}

// clash reports two jobs writing one path, at the file that can be changed.
func clash(j, prev *job) error {
	if !j.file && prev.file {
		j, prev = prev, j
	}
	hint := "give one of them another slug: or date:, or drop the alias"
	if strings.HasPrefix(j.from, theme.StaticDir+"/") {
		hint = "rename or remove the file in static/"
	}
	return &diag.Error{Path: j.source(), Line: int(j.pos.Line), Col: int(j.pos.Col),
		Msg:  fmt.Sprintf("URL %s is also written by %s", strings.TrimSuffix(j.path, "index.html"), prev.source()),
		Hint: hint}
}

// run runs the jobs for which todo is true (all, when todo is nil), each phase on all
// cores.
func (p *plan) run(ctx context.Context, todo func(*job) bool) error {
	p.meter.Start("writing articles", len(p.articles))
	err := work.Each(ctx, len(p.articles), 0, func(i int) error {
		defer p.meter.Step()
		if j := p.at(int32(i)); todo == nil || todo(&j) {
			return p.article(int32(i))
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.meter.Start("writing lists, feeds and sitemaps", len(p.rest))
	return work.Each(ctx, len(p.rest), 0, func(i int) error {
		defer p.meter.Step()
		if j := &p.rest[i]; todo == nil || todo(j) {
			return j.run()
		}
		return nil
	})
}

// size and at number the jobs of both phases in order, the articles' first: the sitemaps
// keep their pages as such numbers, four bytes each, rather than as copies of the jobs'
// paths and lists.
func (p *plan) size() int { return len(p.articles) + len(p.rest) }

func (p *plan) at(i int32) job {
	if int(i) < len(p.articles) {
		return p.page(i, p.articles[i])
	}
	return p.rest[int(i)-len(p.articles)]
}

// jobs calls fn for every job that writes a file.
func (p *plan) jobs(fn func(*job)) {
	for i := range int32(p.size()) {
		j := p.at(i)
		fn(&j)
	}
}

// plan lists every job of the build, with its signature, and checks them.
func (b *builder) plan() (*plan, error) {
	n := len(b.arch.Articles)
	p := &plan{articles: make([]uint64, 0, n), rest: make([]job, 0, n/2+64), // about as many list pages as half the articles
		article: func(i int32) error { return b.article(int(i)) }, page: b.pageJob(b.all())}
	b.planArticles(p)
	b.planIndex(p)
	b.planLists(p)
	b.planFeeds(p)
	b.planExtras(p)
	b.planSearch(p)
	if err := b.planStatic(p); err != nil {
		return nil, err
	}
	b.planSitemaps(p)
	return p, p.check()
}
