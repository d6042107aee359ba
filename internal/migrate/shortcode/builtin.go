package shortcode

import (
	"regexp"
	"strings"
)

var (
	idPattern     = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	digitsPattern = regexp.MustCompile(`^[0-9]+$`)
)

// builtin writes the translation of a shortcode, tag or output that this package knows.
// ok false: it does not know it, or cannot translate it (no src, a bad id, a value that would
// bring template syntax back).
func (t *translator) builtin(w *writer, i int) (int, bool) {
	tok := &t.toks[i]
	switch tok.kind {
	case kindVerbatim:
		return t.highlight(w, tok)
	case kindOutput:
		return t.output(w, i)
	}
	switch name := tok.name; {
	case isMarkup(tok):
		w.drop()
		return tok.end, true
	case tok.hugo && name == "figure":
		return t.figure(w, tok)
	case tok.hugo && (name == "ref" || name == "relref"):
		return t.ref(w, tok, tok.arg("path", 0))
	case !tok.hugo && (name == "link" || name == "post_url"):
		return t.ref(w, tok, tok.arg("", 0))
	case tok.hugo:
		s := embed(&tok.call)
		if s == "" || hasDelim(s) {
			return 0, false
		}
		return t.ownParagraph(w, tok, s, func(string) string { return s }), true
	}
	return 0, false
}

// ownParagraph writes what a token became: inline inside a line of text; on a line of its
// own, block, in a paragraph of its own (a figure must be alone in its paragraph, and an
// embed stood alone on the page). block gets the container markers of the line.
func (t *translator) ownParagraph(w *writer, tok *token, inline string, block func(prefix string) string) int {
	lf, line, alone := t.standalone(tok.start, tok.end)
	if !alone {
		w.replace(inline)
		return tok.end
	}
	ownLine(w, lf, line)
	prefix := lf.prefix
	w.replace(block(prefix))
	if line == lf.lines-1 {
		return tok.end
	}
	w.raw("\n" + strings.TrimRight(prefix, " \t") + "\n")
	return t.skipLine(tok.end)
}

// arg returns the named argument, or else the positional one.
func (c *call) arg(name string, i int) string {
	if v, ok := c.named[name]; ok && name != "" {
		return v
	}
	if i >= 0 && i < len(c.args) {
		return c.args[i]
	}
	return ""
}

// embed turns a shortcode that embeds a third party's page into a link to that page, on the
// line where the embed was: "[YouTube video](https://…)", its title the link text if it has
// one. "" if it is none or its id is bad.
func embed(c *call) string {
	id := c.arg("id", 0)
	title := collapse(c.named["title"])
	var label, url string
	switch c.name {
	case "youtube":
		label, url = "YouTube video", "https://www.youtube.com/watch?v="+id
		if start := c.named["start"]; digitsPattern.MatchString(start) {
			url += "&t=" + start + "s"
		}
	case "vimeo":
		label, url = "Vimeo video", "https://vimeo.com/"+id
	case "instagram":
		label, url = "Instagram post", "https://www.instagram.com/p/"+id+"/"
	case "gist":
		user, file := c.arg("user", 0), c.arg("file", 2)
		id = c.arg("id", 1)
		if !idPattern.MatchString(user) {
			return ""
		}
		label, url = "Gist", "https://gist.github.com/"+user+"/"+id
		if idPattern.MatchString(strings.ReplaceAll(file, ".", "-")) {
			url += "#file-" + strings.ToLower(strings.ReplaceAll(file, ".", "-"))
		}
	case "tweet", "x":
		return post(c, title)
	default:
		return ""
	}
	if !idPattern.MatchString(id) {
		return ""
	}
	return linkLine(label, title, url)
}

// post links a tweet: {{< tweet user="u" id="n" >}}, {{< tweet n >}}, {{< x user="u" id="n" >}}.
func post(c *call, title string) string {
	user, id := c.named["user"], c.named["id"]
	switch {
	case id == "" && len(c.args) == 1:
		id = c.args[0]
	case id == "" && len(c.args) >= 2:
		user, id = c.args[0], c.args[1]
	}
	host := "https://twitter.com/"
	if c.name == "x" {
		host = "https://x.com/"
	}
	if user == "" {
		user = "i"
	}
	if !digitsPattern.MatchString(id) || !idPattern.MatchString(user) {
		return ""
	}
	return linkLine("Tweet", title, host+user+"/status/"+id)
}

func linkLine(label, title, url string) string {
	if title != "" {
		label = escText(title)
	}
	return "[" + label + "](" + url + ")"
}

// ref writes the URL of a reference's target, its #fragment kept. A target Resolve does not
// know is reported and written as it is, so the text still reads.
func (t *translator) ref(w *writer, tok *token, target string) (int, bool) {
	target = strings.TrimSpace(target)
	if target == "" || hasDelim(target) || strings.ContainsAny(target, "{}") {
		return 0, false
	}
	path, frag, hasFrag := strings.Cut(target, "#")
	url := ""
	switch {
	case path == "" && hasFrag:
		url = "#" + frag
	case t.opts.Resolve != nil:
		if u, ok := t.opts.Resolve(path); ok && !hasDelim(u) {
			url = u
			if hasFrag {
				url += "#" + frag
			}
		}
	}
	if url == "" {
		t.report(tok, tok.name, target)
		url = target
	}
	w.replace(url)
	return tok.end, true
}

// escText escapes what would end or nest link text.
func escText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(collapse(s))
}
