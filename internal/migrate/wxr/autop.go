package wxr

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

var (
	// blankLine separates paragraphs.
	blankLine = regexp.MustCompile(`\n[ \t\r\f]*\n\s*`)

	// loneURL is a line that WordPress's auto-embed turns into an embed.
	loneURL = regexp.MustCompile(`^https?://[^\s<>"']+$`)

	// lineBreak is a <br> at the end of a line, after which the newline adds no other.
	lineBreak = regexp.MustCompile(`(?i)<br\s*/?>$`)
)

// autop gives classic content the markup wpautop gives it when WordPress shows the post:
// text between blank lines is a paragraph, a single newline in it a <br>, and a URL alone on
// its line an embed. Block-level tags already mark their own extent, so text next to one
// starts or ends a paragraph, and inside a cell, list item, heading or paragraph the text
// gets line breaks but no <p> of its own. What is inside <pre> (and script, style and
// textarea) is left as it is.
//
// Unlike wpautop this works on tokens, not on regular expressions over the whole text, so
// it never puts a <p> around a block tag or a <br> inside a tag.
func autop(s string) string {
	a := &autopState{lastNL: true}
	z := html.NewTokenizer(strings.NewReader(s + "\n"))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		switch tt {
		case html.TextToken:
			a.text(raw)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a.tag(tt, string(name), raw)
		default: // comments are gone; a doctype or the like is kept where it was
			a.add(raw)
		}
		a.lastNL = strings.HasSuffix(raw, "\n")
	}
	a.flush(true)
	return a.out.String()
}

type autopState struct {
	out        strings.Builder
	para       strings.Builder // the paragraph being gathered; every "\n" in it is a line end of the text
	paraAtLine bool            // the paragraph started at the start of a line
	open       []string        // block elements open, innermost last
	pre        int             // depth of <pre>: inside, everything is copied
	rawText    string          // the raw-text element (script, style, textarea) inside, or ""
	lastNL     bool            // the last token ended a line
}

func (a *autopState) text(raw string) {
	if a.pre > 0 {
		a.out.WriteString(raw)
		return
	}
	if a.rawText != "" {
		a.para.WriteString(strings.ReplaceAll(raw, "\n", "\r")) // kept apart from the text's line ends
		return
	}
	for i, part := range blankLine.Split(raw, -1) {
		if i > 0 {
			a.flush(true)
			a.lastNL = true
		}
		a.add(part)
	}
}

func (a *autopState) add(s string) {
	if a.para.Len() == 0 {
		if strings.TrimSpace(s) == "" {
			return
		}
		a.paraAtLine = a.lastNL
	}
	a.para.WriteString(s)
}

func (a *autopState) tag(tt html.TokenType, name, raw string) {
	if a.pre > 0 {
		a.out.WriteString(raw)
		switch {
		case name == "pre" && tt == html.StartTagToken:
			a.pre++
		case name == "pre" && tt == html.EndTagToken:
			a.pre--
			a.close(name)
		}
		return
	}
	raw = strings.ReplaceAll(raw, "\n", " ") // white space inside a tag is only white space
	if !blockTag(name) {
		a.add(raw)
		switch {
		case rawTextTag(name) && tt == html.StartTagToken:
			a.rawText = name
		case name == a.rawText && tt == html.EndTagToken:
			a.rawText = ""
		}
		return
	}
	a.flush(false)
	a.out.WriteString(raw)
	a.out.WriteByte('\n')
	switch {
	case tt == html.StartTagToken && !voidTag(name):
		a.open = append(a.open, name)
		if name == "pre" {
			a.pre++
		}
	case tt == html.EndTagToken:
		a.close(name)
	}
}

// close pops the open elements down to and including the innermost name, if it is open.
func (a *autopState) close(name string) {
	for i := len(a.open) - 1; i >= 0; i-- {
		if a.open[i] == name {
			a.open = a.open[:i]
			return
		}
	}
}

// flush writes the paragraph gathered. atLineEnd says the text after it starts a new line,
// so that its last line is a whole line of the source.
func (a *autopState) flush(atLineEnd bool) {
	para := a.para.String()
	a.para.Reset()
	if strings.TrimSpace(para) == "" {
		return
	}
	lines := strings.Split(para, "\n")
	from := 0
	for i, line := range lines {
		whole := (i > 0 || a.paraAtLine) && (i < len(lines)-1 || atLineEnd)
		if url := strings.TrimSpace(line); whole && a.flow() && loneURL.MatchString(url) {
			a.paragraph(lines[from:i])
			a.out.WriteString(embedFigure(url))
			from = i + 1
		}
	}
	a.paragraph(lines[from:])
}

// paragraph writes lines as one paragraph, with a <br> at each line end.
func (a *autopState) paragraph(lines []string) {
	var b strings.Builder
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			if !lineBreak.MatchString(b.String()) {
				b.WriteString("<br>")
			}
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	if b.Len() == 0 {
		return
	}
	text := strings.ReplaceAll(b.String(), "\r", "\n")
	if a.flow() {
		text = "<p>" + text + "</p>"
	}
	a.out.WriteString(text)
	a.out.WriteByte('\n')
}

// flow reports whether a paragraph may go where the text is: not inside an element that
// holds only phrasing content or is itself a paragraph.
func (a *autopState) flow() bool {
	if len(a.open) == 0 {
		return true
	}
	switch a.open[len(a.open)-1] {
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption",
		"figcaption", "summary", "legend", "address":
		return false
	}
	return true
}

// blockTag reports whether wpautop treats the element as a block (its list, with the media
// elements, which also stand alone).
func blockTag(name string) bool {
	switch name {
	case "address", "area", "article", "aside", "audio", "blockquote", "caption", "col",
		"colgroup", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
		"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
		"iframe", "legend", "li", "map", "math", "menu", "nav", "object", "ol", "p", "pre",
		"section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video":
		return true
	}
	return false
}

func voidTag(name string) bool { return name == "hr" || name == "col" || name == "area" }

func rawTextTag(name string) bool {
	return name == "script" || name == "style" || name == "textarea"
}
