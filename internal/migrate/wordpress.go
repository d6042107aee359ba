package migrate

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"dateline/internal/config"
	"dateline/internal/migrate/wxr"
	"dateline/internal/slug"
)

// WordPress imports a WordPress export (WXR): its posts and pages, with their authors'
// display names, categories (as topics) and tags (as the tags taxonomy), excerpts,
// drafts and scheduled posts, featured images and body images. Images are copied from
// uploads (a wp-content/uploads folder) when it is given, and otherwise left on the old
// site and reported.
func WordPress(file, into, uploads string, now time.Time) (*Report, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	exp, err := wxr.Read(f, time.UTC)
	if err != nil {
		return nil, located(file, err)
	}
	w, err := NewWriter(into, wpSettings(exp), now)
	if err != nil {
		return nil, err
	}
	wp := &wpImport{w: w, exp: exp, file: filepath.Base(file), uploads: uploads,
		authors: map[string]string{}, attachments: map[int]string{}}
	for _, a := range exp.Authors {
		wp.authors[a.Login] = a.DisplayName
	}
	for _, it := range exp.Items {
		if it.Type == "attachment" {
			wp.attachments[it.ID] = it.AttachmentURL
		}
	}
	t := &Translated{Custom: map[string]string{}} // bodies are Markdown from HTML: nothing for shortcode to do
	for _, it := range exp.Items {
		if p, ok := wp.post(it); ok {
			t.Posts, t.Lines = append(t.Posts, p), append(t.Lines, 1)
		}
	}
	for _, p := range t.Posts {
		w.Add(p)
	}
	return w.Report, nil
}

func wpSettings(exp *wxr.Export) *config.Config {
	c := &config.Config{Title: exp.Title, Description: exp.Description, Language: exp.Language}
	if strings.HasPrefix(exp.Link, "http") {
		c.BaseURL = strings.TrimSuffix(exp.Link, "/") + "/"
	}
	// Categories are topics; tags are a taxonomy of their own, at WordPress's /tag/NAME/.
	c.Taxonomies = []config.Taxonomy{{Name: "tag", Title: "Tags"}}
	c.Markdown.Unsafe = true // WordPress showed its writers' HTML, and what has no Markdown stays HTML
	return c
}

type wpImport struct {
	w           *Writer
	exp         *wxr.Export
	file        string
	uploads     string
	authors     map[string]string // login → display name
	attachments map[int]string    // attachment ID → URL
}

// post turns one item into a post; ok is false for items that are not posts or pages.
func (wp *wpImport) post(it wxr.Item) (Post, bool) {
	source := fmt.Sprintf("%s:%d", wp.file, it.Line)
	if it.Type != "post" && it.Type != "page" {
		return Post{}, false
	}
	if it.Status == "trash" || it.Status == "auto-draft" {
		wp.w.skip(source, fmt.Sprintf("%q is in the %s", it.Title, strings.ReplaceAll(it.Status, "-", " ")))
		return Post{}, false
	}
	body, images, unknown, err := wxr.Markdown(it.Content)
	if err != nil {
		wp.w.skip(source, err.Error())
		return Post{}, false
	}
	for _, u := range unknown {
		wp.w.Report.unknown(u, source)
	}
	s := wpSlug(it)
	p := Post{Source: source, Draft: it.Status != "publish" && it.Status != "future", Files: map[string]string{}}
	if it.Protected && !p.Draft {
		p.Draft = true
		wp.w.note(source, "%q was shown only with a password: it comes in as a draft", it.Title)
	}
	if strings.TrimSpace(it.Title) == "" {
		it.Title = headline(body)
		wp.w.note(source, "the post has no title: it is %q, from its first words", it.Title)
	}
	p.Front = wp.front(it, s)
	body = wp.images(&p, body, images)
	if id, err := strconv.Atoi(it.Meta["_thumbnail_id"]); err == nil && wp.attachments[id] != "" {
		p.Front = append(p.Front, Field{"image", wp.image(&p, wp.attachments[id])})
	}
	p.Body = []byte(body)
	if it.Type == "page" {
		p.Path = "pages/" + s + ".md"
	} else {
		p.Path = it.Date.Format("2006") + "/" + s + ".md"
	}
	if len(p.Files) > 0 {
		p.Path = strings.TrimSuffix(p.Path, ".md") + "/index.md"
	}
	if u, err := url.Parse(it.Link); err == nil && u.RawQuery == "" && u.Path != "" && u.Path != "/" {
		p.OldPath = u.Path
	}
	return p, true
}

func (wp *wpImport) front(it wxr.Item, s string) []Field {
	front := []Field{{"title", it.Title}, {"date", localDate(it)}, {"slug", s}}
	if it.Type == "page" {
		front = append(front, Field{"type", "page"})
	}
	if name := wp.authors[it.Creator]; name != "" {
		front = append(front, Field{"authors", []any{name}})
	} else if it.Creator != "" {
		front = append(front, Field{"authors", []any{it.Creator}})
	}
	var topics, tags []any
	for _, term := range it.Terms {
		switch term.Domain {
		case "category":
			if term.Slug != "uncategorized" && term.Name != "Uncategorized" {
				topics = append(topics, term.Name)
			}
		case "post_tag":
			tags = append(tags, term.Name)
		}
	}
	if !slices.ContainsFunc(wp.w.cfg.Taxonomies, func(t config.Taxonomy) bool { return t.Name == "tag" }) {
		topics, tags = append(topics, tags...), nil // a site of its own without the taxonomy
	}
	if len(topics) > 0 {
		front = append(front, Field{"topics", topics})
	}
	if len(tags) > 0 {
		front = append(front, Field{"tag", tags})
	}
	if ex := strings.TrimSpace(it.Excerpt); ex != "" {
		front = append(front, Field{"summary", ex})
	}
	return front
}

// images rewrites the body's images that are in uploads to files beside the post, and
// reports the others as remote.
func (wp *wpImport) images(p *Post, body string, images []string) string {
	for _, src := range images {
		local := wp.image(p, src)
		if local != src {
			body = strings.ReplaceAll(body, "("+src, "("+local)
		}
	}
	return body
}

// image copies one image from uploads beside the post and returns its new name, or
// returns src, reported as remote, when it is not there.
func (wp *wpImport) image(p *Post, src string) string {
	u, err := url.Parse(src)
	if err != nil {
		return src
	}
	_, rel, found := strings.Cut(u.Path, "/wp-content/uploads/")
	if found && wp.uploads != "" {
		from := filepath.Join(wp.uploads, filepath.FromSlash(rel))
		if _, err := os.Stat(from); err == nil && !strings.Contains(rel, "..") {
			name := path.Base(rel)
			if other, ok := p.Files[name]; ok && other != from {
				name = strings.ReplaceAll(rel, "/", "-") // 2024/03/dam.jpg beside 2023/01/dam.jpg
			}
			p.Files[name] = from
			return name
		}
	}
	if strings.HasPrefix(src, "http") {
		wp.w.Report.Remote = append(wp.w.Report.Remote, src)
	}
	return src
}

// wpSlug is the post's slug: WordPress's post_name, or one made from the title for
// drafts that have none yet.
func wpSlug(it wxr.Item) string {
	name, err := url.PathUnescape(it.Name)
	if err != nil {
		name = it.Name
	}
	if s := slug.Make(name); s != "" {
		return s
	}
	if s := slug.Make(it.Title); s != "" {
		return s
	}
	return fmt.Sprintf("post-%d", it.ID)
}

// localDate is the item's date as the newsroom saw it, with its offset from UTC
// (2024-03-05T07:30:00-07:00): WordPress exports the site's local time beside UTC, but not
// the zone.
func localDate(it wxr.Item) time.Time {
	local, err := time.ParseInLocation("2006-01-02 15:04:05", it.DateLocal, time.UTC)
	offset := local.Sub(it.Date)
	if err != nil || offset%time.Minute != 0 || offset > 14*time.Hour || offset < -14*time.Hour {
		return it.Date
	}
	return it.Date.In(time.FixedZone("", int(offset.Seconds())))
}

// headline makes a title for a post that has none from the first words of its body.
func headline(md string) string {
	words := strings.Fields(strings.NewReplacer("#", "", "*", "", "_", "", ">", "", "[", "", "]", "").Replace(md))
	if len(words) == 0 {
		return "Untitled"
	}
	if len(words) > 8 {
		return strings.Join(words[:8], " ") + "…"
	}
	return strings.Join(words, " ")
}

// located names the file and line of each problem Read found: export.xml:120: ….
func located(file string, err error) error {
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	var msgs []string
	for _, e := range errs {
		var we *wxr.Error
		if errors.As(e, &we) {
			msgs = append(msgs, fmt.Sprintf("%s:%d: %s", file, we.Line, we.Message()))
		} else {
			msgs = append(msgs, file+": "+e.Error())
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}
