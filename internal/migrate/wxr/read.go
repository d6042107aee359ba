package wxr

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// maxProblems caps the value problems Read lists; a file with more has something else wrong.
const maxProblems = 50

// Read reads a WordPress export. Dates written without a zone (wp:post_date) are read in loc,
// the site's time zone (nil means UTC), and every Date is given in loc.
//
// A file that is not well-formed XML, or not an export, is an *Error naming the line. Values
// WordPress could not have written (a post ID that is no number, a date that is no date) are
// collected, each an *Error naming the line of its item, and returned joined, with no Export.
func Read(r io.Reader, loc *time.Location) (*Export, error) {
	if loc == nil {
		loc = time.UTC
	}
	src, err := newSource(r)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(src)
	d.Entity = xml.HTMLEntity // titles outside CDATA may hold &nbsp; and the like
	d.CharsetReader = charsetReader
	rd := &reader{d: d, src: src, loc: loc}
	exp, err := rd.read()
	if err != nil {
		return nil, err
	}
	if len(rd.problems) > 0 {
		if len(rd.problems) > maxProblems {
			more := fmt.Errorf("and %d more problems", len(rd.problems)-maxProblems)
			rd.problems = append(rd.problems[:maxProblems], more)
		}
		return nil, errors.Join(rd.problems...)
	}
	exp.Repaired = src.repaired
	return exp, nil
}

// reader is the state of one Read.
type reader struct {
	d        *xml.Decoder
	src      *source
	loc      *time.Location
	problems []error
	sawWP    bool   // an element in the wp namespace was seen
	elem     string // the channel child being read, for messages
	elemLine int    // and its line
}

// read reads the document: <rss>, then its <channel>.
func (rd *reader) read() (*Export, error) {
	for depth := 0; ; {
		rd.src.bound(maxElement)
		tok, err := rd.token()
		if err == io.EOF {
			line, _ := rd.d.InputPos()
			return nil, &Error{Line: line, Err: errors.New("no <channel> in the file"), Hint: notExport}
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case depth == 0 && t.Name.Local != "rss":
				line, _ := rd.d.InputPos()
				return nil, &Error{Line: line, Err: fmt.Errorf("the file starts with <%s>, not <rss>", t.Name.Local), Hint: notExport}
			case depth == 0:
				depth++
			case t.Name.Local == "channel" && t.Name.Space == "":
				return rd.channel()
			default:
				if err := rd.skip(); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			line, _ := rd.d.InputPos()
			return nil, &Error{Line: line, Err: errors.New("<rss> has no <channel>"), Hint: notExport}
		}
	}
}

const notExport = "give the file WordPress's Tools → Export writes, not the site's feed"

// channel reads the channel's children up to </channel>; what comes after is not read.
func (rd *reader) channel() (*Export, error) {
	exp := &Export{}
	err := rd.children(func(key string, start xml.StartElement) error {
		rd.src.bound(maxElement)
		rd.elem, rd.elemLine = start.Name.Local, rd.line()
		var err error
		switch key {
		case "title":
			exp.Title, err = rd.trimmed()
		case "link":
			exp.Link, err = rd.trimmed()
		case "description":
			exp.Description, err = rd.trimmed()
		case "language":
			exp.Language, err = rd.trimmed()
		case "wp:base_site_url":
			exp.BaseSiteURL, err = rd.trimmed()
		case "wp:base_blog_url":
			exp.BaseBlogURL, err = rd.trimmed()
		case "wp:author":
			var a Author
			a, err = rd.author()
			exp.Authors = append(exp.Authors, a)
		case "item":
			var it Item
			it, err = rd.item()
			exp.Items = append(exp.Items, it)
		default:
			err = rd.skip()
		}
		rd.elem = ""
		return err
	})
	if err != nil {
		return nil, err
	}
	if !rd.sawWP {
		return nil, &Error{Line: rd.line(), Err: errors.New("the <channel> has no WordPress (wp:) elements"), Hint: notExport}
	}
	return exp, nil
}

func (rd *reader) author() (Author, error) {
	var a Author
	err := rd.children(func(key string, _ xml.StartElement) error {
		var p *string
		switch key {
		case "wp:author_login":
			p = &a.Login
		case "wp:author_email":
			p = &a.Email
		case "wp:author_display_name":
			p = &a.DisplayName
		case "wp:author_first_name":
			p = &a.FirstName
		case "wp:author_last_name":
			p = &a.LastName
		default:
			return rd.skip()
		}
		var err error
		*p, err = rd.trimmed()
		return err
	})
	return a, err
}

// children calls fn for each child element of the element whose start was just read, up to
// that element's end. fn must read the child to its end: with text, trimmed, skip or children.
func (rd *reader) children(fn func(key string, start xml.StartElement) error) error {
	for {
		tok, err := rd.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(rd.key(t.Name), t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text reads the character data of the element whose start was just read, up to its end.
// Elements inside it are skipped.
func (rd *reader) text() (string, error) {
	var b strings.Builder
	for {
		tok, err := rd.token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := rd.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

func (rd *reader) trimmed() (string, error) {
	s, err := rd.text()
	return strings.TrimSpace(s), err
}

func (rd *reader) skip() error {
	if err := rd.d.Skip(); err != nil {
		return rd.fail(err)
	}
	return nil
}

// token returns the next token; at the end of the document, io.EOF itself.
func (rd *reader) token() (xml.Token, error) {
	tok, err := rd.d.Token()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		return nil, rd.fail(err)
	}
	return tok, nil
}

// fail gives a decoding error its line and, where one is known, a hint.
func (rd *reader) fail(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se):
		e := &Error{Line: se.Line, Err: err}
		if se.Msg == "unexpected EOF" {
			e.Hint = "the file ends early: was the export cut short? Export again, or in parts by date"
			if rd.elem != "" {
				e.Err = fmt.Errorf("in the <%s> of line %d: %w", rd.elem, rd.elemLine, err)
			}
		}
		return e
	case errors.Is(err, errTooBig):
		if rd.elem == "" {
			return &Error{Line: rd.line(), Err: err}
		}
		return &Error{Line: rd.elemLine, Err: fmt.Errorf("<%s>: %w", rd.elem, err),
			Hint: "export in parts (by date or post type), or leave out what makes it big"}
	}
	return &Error{Line: rd.line(), Err: err}
}

func (rd *reader) line() int {
	line, _ := rd.d.InputPos()
	return line
}

// key names an element as this package matches it: "title" (RSS, no namespace),
// "wp:post_id", "content:encoded", "excerpt:encoded", "dc:creator", or "?:local" for a
// namespace it does not know.
func (rd *reader) key(n xml.Name) string {
	sp := space(n.Space)
	if sp == "" {
		return n.Local
	}
	if sp == "wp" {
		rd.sawWP = true
	}
	return sp + ":" + n.Local
}

// space maps a namespace URI to the prefix WordPress gives it. It knows every WXR version
// 1.x, over http or https (the Theme Unit Test export uses https), and takes an undeclared
// prefix, which encoding/xml leaves as the Space, as the namespace it always names.
func space(uri string) string {
	switch uri {
	case "":
		return ""
	case "http://purl.org/rss/1.0/modules/content/", "content":
		return "content"
	case "http://purl.org/dc/elements/1.1/", "dc":
		return "dc"
	case "wp", "excerpt":
		return uri
	}
	rest, ok := strings.CutPrefix(uri, "http://wordpress.org/export/")
	if !ok {
		rest, ok = strings.CutPrefix(uri, "https://wordpress.org/export/")
	}
	version, tail, _ := strings.Cut(rest, "/")
	minor, isV1 := strings.CutPrefix(version, "1.")
	if !ok || !isV1 || minor == "" || strings.Trim(minor, "0123456789") != "" {
		return "?"
	}
	switch tail {
	case "":
		return "wp"
	case "excerpt/":
		return "excerpt"
	}
	return "?"
}

// problem records a value that is wrong; Read goes on, to report them all.
func (rd *reader) problem(line int, format string, args ...any) {
	rd.problems = append(rd.problems, &Error{Line: line, Err: fmt.Errorf(format, args...)})
}

func (rd *reader) number(line int, field, s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		rd.problem(line, "%s %q is not a number", field, s)
		return 0
	}
	return n
}
