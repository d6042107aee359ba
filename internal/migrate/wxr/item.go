package wxr

import (
	"encoding/xml"
	"strings"
	"time"
)

// wpTimeLayout is how WordPress writes wp:post_date and wp:post_date_gmt.
const wpTimeLayout = "2006-01-02 15:04:05"

// rawItem holds the item fields that are read as text and turned into values at the end.
type rawItem struct {
	id, parent, gmt, pubDate, sticky, password string
}

// item reads one <item>, its start just read.
func (rd *reader) item() (Item, error) {
	it := Item{Line: rd.line()}
	var raw rawItem
	err := rd.children(func(key string, start xml.StartElement) error {
		var err error
		switch key {
		case "content:encoded":
			it.Content, err = rd.text()
		case "excerpt:encoded":
			it.Excerpt, err = rd.text()
		case "category":
			err = rd.term(&it, start)
		case "wp:postmeta":
			err = rd.meta(&it)
		default:
			p := it.field(key, &raw)
			if p == nil {
				return rd.skip() // wp:comment among them
			}
			*p, err = rd.trimmed()
		}
		return err
	})
	if err != nil {
		return it, err
	}
	rd.finish(&it, &raw)
	return it, nil
}

// field is where the text of a plain item field goes, or nil for a field Read skips.
func (it *Item) field(key string, raw *rawItem) *string {
	switch key {
	case "title":
		return &it.Title
	case "link":
		return &it.Link
	case "pubDate":
		return &raw.pubDate
	case "dc:creator":
		return &it.Creator
	case "wp:post_id":
		return &raw.id
	case "wp:post_parent":
		return &raw.parent
	case "wp:post_date":
		return &it.DateLocal
	case "wp:post_date_gmt":
		return &raw.gmt
	case "wp:post_name":
		return &it.Name
	case "wp:status":
		return &it.Status
	case "wp:post_type":
		return &it.Type
	case "wp:attachment_url":
		return &it.AttachmentURL
	case "wp:is_sticky":
		return &raw.sticky
	case "wp:post_password":
		return &raw.password
	}
	return nil
}

// term reads a <category domain="…" nicename="…">Name</category>.
func (rd *reader) term(it *Item, start xml.StartElement) error {
	t := Term{}
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "domain":
			t.Domain = strings.TrimSpace(a.Value)
		case "nicename":
			t.Slug = strings.TrimSpace(a.Value)
		}
	}
	var err error
	t.Name, err = rd.trimmed()
	it.Terms = append(it.Terms, t)
	return err
}

// meta reads a <wp:postmeta>; of repeated keys the first stays.
func (rd *reader) meta(it *Item) error {
	var key, value string
	err := rd.children(func(k string, _ xml.StartElement) error {
		var err error
		switch k {
		case "wp:meta_key":
			key, err = rd.trimmed()
		case "wp:meta_value":
			value, err = rd.text()
		default:
			err = rd.skip()
		}
		return err
	})
	if err != nil || key == "" {
		return err
	}
	if it.Meta == nil {
		it.Meta = map[string]string{}
	}
	if _, ok := it.Meta[key]; !ok {
		it.Meta[key] = value
	}
	return nil
}

// finish turns the raw fields into values and tidies the terms.
func (rd *reader) finish(it *Item, raw *rawItem) {
	it.ID = rd.number(it.Line, "wp:post_id", raw.id)
	it.Parent = rd.number(it.Line, "wp:post_parent", raw.parent)
	it.Sticky = raw.sticky == "1"
	it.Protected = raw.password != ""
	it.Date = rd.date(it.Line, raw.gmt, it.DateLocal, raw.pubDate)
	it.Terms = tidyTerms(it.Terms)
}

// date is the item's time: wp:post_date_gmt when WordPress set it (drafts have
// 0000-00-00 00:00:00), else wp:post_date in the site's zone, else pubDate, else zero.
// pubDate is only a fallback and WordPress writes nonsense there for drafts ("Mon, 30 Nov
// -0001"), so a pubDate that does not parse is no problem.
func (rd *reader) date(line int, gmt, local, pub string) time.Time {
	for _, d := range []struct {
		field, value string
		loc          *time.Location
	}{{"wp:post_date_gmt", gmt, time.UTC}, {"wp:post_date", local, rd.loc}} {
		if d.value == "" || strings.HasPrefix(d.value, "0000-00-00") {
			continue
		}
		t, err := time.ParseInLocation(wpTimeLayout, d.value, d.loc)
		if err != nil {
			rd.problem(line, "%s %q is not a date like 2006-01-02 15:04:05", d.field, d.value)
			continue
		}
		return t.In(rd.loc)
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, pub); err == nil {
			return t.In(rd.loc)
		}
	}
	return time.Time{}
}

// tidyTerms applies what Term says: "tag" is "post_tag", a term without a domain goes when
// one of that name has a domain and is a category otherwise, and repeats go.
func tidyTerms(terms []Term) []Term {
	if len(terms) == 0 {
		return nil
	}
	hasDomain := map[string]bool{}
	for _, t := range terms {
		if t.Domain != "" {
			hasDomain[t.Name] = true
		}
	}
	out := make([]Term, 0, len(terms))
	seen := map[Term]bool{}
	for _, t := range terms {
		switch t.Domain {
		case "tag":
			t.Domain = "post_tag"
		case "":
			if hasDomain[t.Name] {
				continue
			}
			t.Domain = "category"
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
