package feed

import (
	"bytes"
	"html"
	"net/url"
)

// Absolutize rewrites the href and src attributes of HTML written by the markdown
// package (always double-quoted, values HTML-escaped) so that every URL is absolute,
// resolved against the page the HTML was written for. Feed readers show content away
// from its page; a relative image would break there.
func Absolutize(body []byte, pageURL string) []byte {
	base, err := url.Parse(pageURL)
	if err != nil {
		return body
	}
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/4) // room for the URLs made absolute
	for rest := body; ; {
		at, name := nextURLAttr(rest)
		if at < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		start := at + len(name)
		end := bytes.IndexByte(rest[start:], '"')
		if end < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		out.Write(rest[:start])
		value := rest[start : start+end]
		if ref, err := url.Parse(html.UnescapeString(string(value))); err == nil && !ref.IsAbs() {
			out.WriteString(html.EscapeString(base.ResolveReference(ref).String()))
		} else {
			out.Write(value)
		}
		rest = rest[start+end:]
	}
}

// nextURLAttr finds the next ` href="` or ` src="` in b, going from one `="` to the next.
func nextURLAttr(b []byte) (int, string) {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(`="`))
		if i < 0 {
			return -1, ""
		}
		at := off + i
		for _, name := range []string{` href="`, ` src="`} {
			if start := at + 2 - len(name); start >= 0 && string(b[start:at+2]) == name {
				return start, name
			}
		}
		off = at + 2
	}
}
