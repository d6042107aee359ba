// Package wxr reads a WordPress export (WXR: RSS 2.0 with WordPress's namespaces, as Tools →
// Export writes it) and turns the HTML of its posts into Markdown.
//
// Read streams: it takes the file token by token with encoding/xml and keeps only the fields
// an import needs, so an export of a gigabyte never sits in memory as a tree, and no single
// item may pass 64 MiB. Comments, channel-level term lists and elements Read does not know
// are skipped. A file that is not well-formed XML is an error naming its line; characters
// XML forbids, which WordPress leaves in post text, are dropped instead (Export.Repaired).
//
// Markdown converts in three steps. The text step handles what is not HTML: block comments
// (<!-- wp:… -->) and other comments go, shortcodes become HTML or are reported, and classic
// content (no block comments: what wpautop formats when WordPress shows it) gets paragraphs
// from its blank lines and line breaks from its single newlines, with a URL alone on a line
// becoming an embed, as WordPress's auto-embed makes it. The tree step parses the HTML and
// rewrites WordPress's figures, embeds, quotes and media into what dateline's Markdown
// expresses: a lone image paragraph whose title is its caption, a link alone on a line, an
// attributed quote. The last step is html-to-markdown with its CommonMark, GFM table and
// strikethrough rules, which is deterministic: the same HTML gives the same bytes.
package wxr

import (
	"encoding/xml"
	"errors"
	"fmt"
	"time"
)

// Export is what Read keeps of an export file.
type Export struct {
	Title, Link, Description string
	Language                 string // as written, e.g. "en-US"
	BaseSiteURL, BaseBlogURL string // wp:base_site_url, wp:base_blog_url
	Authors                  []Author
	Items                    []Item // in file order
	Repaired                 int    // characters XML forbids that were dropped, or bytes not UTF-8 replaced by U+FFFD
}

// Author is a wp:author of the channel. Items name their author by Login.
type Author struct {
	Login, Email, DisplayName, FirstName, LastName string
}

// Item is one <item>: a post, page, attachment, menu item or any other post type.
type Item struct {
	Line          int    // line of <item> in the file, for messages
	ID, Parent    int    // wp:post_id, wp:post_parent
	Type          string // wp:post_type: post, page, attachment, nav_menu_item, …
	Status        string // wp:status: publish, draft, future, pending, private, trash, inherit
	Title, Link   string
	Creator       string // dc:creator, an Author's Login
	Name          string // wp:post_name, the slug as written: empty for many drafts, %-encoded when not ASCII
	Date          time.Time
	DateLocal     string // wp:post_date as written, in the site's zone
	Content       string // content:encoded, HTML
	Excerpt       string // excerpt:encoded, HTML
	AttachmentURL string // wp:attachment_url
	Terms         []Term
	Meta          map[string]string // wp:postmeta key → value; of repeated keys the first, as get_post_meta returns it
	Sticky        bool              // wp:is_sticky
	Protected     bool              // wp:post_password is set: WordPress showed the post only to readers who had the password
}

// Term is a category, tag or other taxonomy term of an item:
// <category domain="post_tag" nicename="slug">Name</category>.
//
// Domain is the taxonomy: "category", "post_tag", or a custom one. WXR 1.0's domain "tag"
// is read as "post_tag", and a <category> with no domain, which old exports repeat beside
// the one with a domain, is dropped when a term of that name has one, and is otherwise a
// "category". Slug is the nicename as written (%-encoded when not ASCII).
type Term struct {
	Domain, Slug, Name string
}

// Error is a problem with the export file at a line of it.
type Error struct {
	Line int
	Err  error
	Hint string // how to fix it, when that is known
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message()) }

// Message is the problem and its hint, without the line, for messages that name the file
// and line themselves (export.xml:120: …).
func (e *Error) Message() string {
	msg := e.Err.Error()
	var se *xml.SyntaxError
	if errors.As(e.Err, &se) {
		msg = "not well-formed XML: " + se.Msg
	}
	if e.Hint != "" {
		return msg + "; hint: " + e.Hint
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }
