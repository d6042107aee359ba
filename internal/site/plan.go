package site

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/theme"
	"dateline/internal/work"
)

// job is one file of the build, planned before anything is written.
type job struct {
	path   string        // the site path it writes: "/2024/03/05/x/index.html"
	from   string        // what asks for it, for errors: a file, or "the page Topics: Water"
	what   func() string // makes from when it is "", only when an error needs it
	file   bool          // from names a file of the site
	pos    content.Pos   // where in from, when from is a file
	page   bool          // an HTML page that belongs in the sitemap
	shows  []int32       // the articles a page shows, whose latest change is its lastmod
	modSig uint64        // changes whenever that lastmod does (the sitemap's signature)
	sig    uint64        // a hash of everything the output depends on (sig.go)
	run    func() error
}

// plan is every job of a build, in two phases: the articles, whose conversion fills in
// what the second phase lists (summaries, feed entries), then everything else.
type plan struct {
	articles []job
	rest     []job
	claims   []job // files that a job of the first phase writes besides its page
}

// add appends a job to the second phase.
func (p *plan) add(j job) { p.rest = append(p.rest, j) }

// check reports every site path that two jobs would write, naming both.
func (p *plan) check() error {
	owner := make(map[string]*job, len(p.articles)+len(p.rest)+len(p.claims))
	var errs []error
	for _, list := range [][]job{p.articles, p.claims, p.rest} {
		for i := range list {
			j := &list[i]
			prev, taken := owner[j.path]
			if !taken {
				owner[j.path] = j
				continue
			}
			errs = append(errs, clash(j, prev))
		}
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
	return &diag.Error{Path: j.source(), Line: j.pos.Line, Col: j.pos.Col,
		Msg:  fmt.Sprintf("URL %s is also written by %s", strings.TrimSuffix(j.path, "index.html"), prev.source()),
		Hint: hint}
}

// run runs the jobs for which todo is true (all, when todo is nil), each phase on all
// cores.
func (p *plan) run(ctx context.Context, todo func(*job) bool) error {
	for _, phase := range [][]job{p.articles, p.rest} {
		err := work.Each(ctx, len(phase), 0, func(i int) error {
			if j := &phase[i]; todo == nil || todo(j) {
				return j.run()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// jobs calls fn for every job that writes a file.
func (p *plan) jobs(fn func(*job)) {
	for _, list := range [][]job{p.articles, p.rest} {
		for i := range list {
			fn(&list[i])
		}
	}
}

// plan lists every job of the build, with its signature, and checks them.
func (b *builder) plan() (*plan, error) {
	n := len(b.arch.Articles)
	p := &plan{articles: make([]job, 0, n), rest: make([]job, 0, n/2+64)} // about as many list pages as half the articles
	b.planArticles(p)
	b.planLists(p)
	b.planFeeds(p)
	b.planExtras(p)
	if err := b.planStatic(p); err != nil {
		return nil, err
	}
	b.planSitemaps(p)
	return p, p.check()
}
