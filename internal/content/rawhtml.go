package content

import (
	"bytes"
	"regexp"
)

// Raw HTML in a body is shown to readers as the text it is unless [markdown] unsafe is
// set, which archives migrated from WordPress, Jekyll and Hugo hold in many articles. The
// build says so once, with a count, instead of letting it pass unnoticed: rawHTMLLine finds
// the first line of a body that holds an HTML tag or comment outside code, as goldmark
// would read it, closely enough to warn (it is never used to render).

// htmlTag matches the start of an HTML tag, closing tag or comment.
var htmlTag = regexp.MustCompile(`<(?:[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|/[A-Za-z][A-Za-z0-9-]*\s*>|!--)`)

// rawHTMLLine returns the file line of the first raw HTML in body, which starts on file
// line first, or 0 when there is none.
func rawHTMLLine(body []byte, first int) int {
	fence := ""
	for n := first; len(body) > 0; n++ {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		trimmed := bytes.TrimLeft(line, " ")
		switch {
		case fence != "":
			if bytes.HasPrefix(trimmed, []byte(fence)) {
				fence = ""
			}
		case bytes.HasPrefix(trimmed, []byte("```")), bytes.HasPrefix(trimmed, []byte("~~~")):
			fence = string(trimmed[:3])
		case len(line)-len(trimmed) >= 4:
			// an indented code block
		case htmlTag.Match(withoutCodeSpans(line)):
			return n
		}
	}
	return 0
}

// withoutCodeSpans blanks `inline code` in a line, where a tag is text.
func withoutCodeSpans(line []byte) []byte {
	if bytes.IndexByte(line, '`') < 0 {
		return line
	}
	out := bytes.Clone(line)
	for i := 0; i < len(out); {
		start := bytes.IndexByte(out[i:], '`')
		if start < 0 {
			break
		}
		start += i
		end := bytes.IndexByte(out[start+1:], '`')
		if end < 0 {
			break
		}
		end += start + 1
		for k := start; k <= end; k++ {
			out[k] = ' '
		}
		i = end + 1
	}
	return out
}
