package shortcode

import (
	"regexp"
	"strings"
)

var langPattern = regexp.MustCompile(`^[A-Za-z0-9_+#.-]+$`)

// highlight writes Hugo's {{< highlight go "linenos=table,hl_lines=2 4-5" >}} or Jekyll's
// {% highlight ruby linenos %} with its body: a fence on lines of its own, a code span inside
// text. The options dateline reads go after the language in goldmark's attribute syntax,
// "```go {linenos=table, hl_lines=[2, "4-5"]}"; the others (style, anchors) are dropped.
func (t *translator) highlight(w *writer, tok *token) (int, bool) {
	lang, attrs := fenceInfo(&tok.call, tok.hugo)
	body := string(t.src[tok.body.start:tok.body.end])
	if lf, line, ok := t.standalone(tok.start, tok.end); ok {
		if line > 0 {
			w.setLine(lf.prefix)
		}
		w.replace(fence(lang, attrs, body, lf.prefix))
		return tok.end, true
	}
	w.replace(t.codeSpan(body, tok.start))
	return tok.end, true
}

// fenceInfo reads the language and options of a highlight.
func fenceInfo(c *call, hugo bool) (lang, attrs string) {
	lang = c.arg("", 0)
	if !langPattern.MatchString(lang) {
		return "", ""
	}
	opts := map[string]string{}
	if hugo {
		for _, kv := range strings.Split(c.arg("", 1), ",") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				opts[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	} else {
		for _, a := range c.args[1:] {
			if a == "linenos" {
				opts["linenos"] = "table"
			}
		}
		if v, ok := c.named["linenos"]; ok {
			opts["linenos"] = v
		}
		opts["hl_lines"] = c.named["mark_lines"]
	}
	return lang, fenceAttrs(opts)
}

// fenceAttrs writes the options dateline reads from a fence, in a fixed order.
func fenceAttrs(opts map[string]string) string {
	var parts []string
	switch v := opts["linenos"]; v {
	case "table", "inline", "true", "false":
		parts = append(parts, "linenos="+v)
	}
	var lines []string
	for _, r := range strings.FieldsFunc(opts["hl_lines"], func(c rune) bool { return c == ' ' || c == ',' }) {
		from, to, isRange := strings.Cut(r, "-")
		switch {
		case !isRange && digitsPattern.MatchString(r):
			lines = append(lines, r)
		case isRange && digitsPattern.MatchString(from) && digitsPattern.MatchString(to):
			lines = append(lines, `"`+r+`"`)
		}
	}
	if len(lines) > 0 {
		parts = append(parts, "hl_lines=["+strings.Join(lines, ", ")+"]")
	}
	if v := opts["linenostart"]; digitsPattern.MatchString(v) {
		parts = append(parts, "linenostart="+v)
	}
	if len(parts) == 0 {
		return ""
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// fence writes body as fenced code. The body keeps its own lines' container markers, and
// gets prefix, the markers of the opening tag's block, where a line lacks them (a lazy line
// of a quote), so that no line leaves the block; the fences get prefix. The fence is longer
// than any run of backticks in the body, so nothing in it can close it.
func fence(lang, attrs, body, prefix string) string {
	first, rest, multi := strings.Cut(body, "\n")
	if multi && strings.TrimSpace(first) == "" {
		body = rest // the newline after the opening tag
	} else if strings.TrimSpace(body) != "" {
		body = prefix + body
	}
	if k := strings.LastIndexByte(body, '\n'); k >= 0 && strings.Trim(body[k+1:], " \t\r>") == "" {
		body = body[:k+1] // the closing tag's own line
	} else if strings.TrimSpace(body) != "" {
		body += "\n"
	} else {
		body = ""
	}
	var b strings.Builder
	for line := range strings.Lines(body) {
		b.WriteString(keepIn(line, prefix))
	}
	body = b.String()
	marks := strings.Repeat("`", max(3, longestRun(body, '`')+1))
	info := lang
	if lang != "" && attrs != "" {
		info += " " + attrs
	}
	return marks + info + "\n" + body + prefix + marks
}

// keepIn returns line with the container markers prefix in front, where what it has of them
// was.
func keepIn(line, prefix string) string {
	k := 0
	for k < len(line) && k < len(prefix) && line[k] == prefix[k] {
		k++
	}
	if k == len(prefix) {
		return line
	}
	return prefix + line[k:]
}

// codeSpan writes body as inline code, on one line, with backtick runs of at least least.
func codeSpan(body string, least int) string {
	body = strings.Join(strings.Fields(body), " ")
	if body == "" {
		return ""
	}
	marks := strings.Repeat("`", max(least, longestRun(body, '`')+1))
	if body[0] == '`' || body[len(body)-1] == '`' {
		body = " " + body + " "
	}
	return marks + body + marks
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}
