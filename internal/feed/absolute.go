package feed

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
)

// urlAttr finds the URL attributes the markdown package writes: always double-quoted,
// with the value HTML-escaped.
var urlAttr = regexp.MustCompile(` (href|src)="([^"]*)"`)

// Absolutize rewrites the href and src attributes of HTML written by the markdown
// package so that every URL is absolute, resolved against the page the HTML was written
// for. Feed readers show content away from its page; a relative image would break there.
func Absolutize(body []byte, pageURL string) []byte {
	base, err := url.Parse(pageURL)
	if err != nil {
		return body
	}
	return urlAttr.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := urlAttr.FindSubmatch(m)
		ref, err := url.Parse(html.UnescapeString(string(sub[2])))
		if err != nil || ref.IsAbs() {
			return m
		}
		var b bytes.Buffer
		b.WriteString(" ")
		b.Write(sub[1])
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(base.ResolveReference(ref).String()))
		b.WriteString(`"`)
		return b.Bytes()
	})
}
