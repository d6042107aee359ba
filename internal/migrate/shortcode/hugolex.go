package shortcode

import "bytes"

// shortcode reads {{< name args >}} or {{% name args %}} at i, with Hugo's argument syntax:
// positional or name=value, each value bare, "quoted" (\" and \\ escaped) or a `raw string`;
// a closer inside a quoted value does not close. {{< /name >}} closes a pair, {{< name />}}
// closes itself. highlight takes its body, up to {{< /highlight >}}, as is.
func (l *lexer) shortcode(i int) token {
	src, lim := l.src, l.limit(i)
	closer := []byte(closerOf(src[i+2]))
	t := token{kind: kindShortcode, start: i, hugo: true}
	p := skipSpace(src[:lim], i+3)
	if p < lim && src[p] == '/' {
		t.closing = true
		p = skipSpace(src[:lim], p+1)
	}
	q := p
	for q < lim && !isSpace(src[q]) && !bytes.HasPrefix(src[q:], closer) && !selfCloses(src[q:], closer) {
		q++
	}
	t.name = string(src[p:q])
	end, ok := t.readArgs(src[:lim], q, closer)
	if !ok {
		return l.broken(i, t.name, true)
	}
	t.end = end
	if t.name == "highlight" && !t.closing && !t.selfClosing {
		if loc := l.next(hugoHLEnd, end); loc != nil {
			t.kind = kindVerbatim
			t.body = span{end, loc[0]}
			t.end = loc[1]
		}
	}
	return t
}

// closerOf returns what closes a shortcode opened by "{{" and delim.
func closerOf(delim byte) string {
	if delim == '<' {
		return ">}}"
	}
	return "%}}"
}

func selfCloses(b, closer []byte) bool {
	return len(b) > 0 && b[0] == '/' && bytes.HasPrefix(b[1:], closer)
}

// readArgs reads arguments from p up to and including the closer, and returns the offset
// after it; src ends where the shortcode must have ended.
func (t *token) readArgs(src []byte, p int, closer []byte) (int, bool) {
	for {
		p = skipSpace(src, p)
		switch {
		case p >= len(src):
			return 0, false
		case bytes.HasPrefix(src[p:], closer):
			return p + len(closer), true
		case selfCloses(src[p:], closer):
			t.selfClosing = true
			return p + 1 + len(closer), true
		}
		key := ""
		if k := keyLen(src[p:]); k > 0 {
			key = string(src[p : p+k])
			p += k + 1
		}
		val, next, ok := hugoValue(src, p, closer)
		if !ok {
			return 0, false
		}
		p = next
		if key == "" {
			t.args = append(t.args, val)
			continue
		}
		if t.named == nil {
			t.named = map[string]string{}
		}
		t.named[key] = val
	}
}

// keyLen returns the length of a name directly followed by "=", or 0.
func keyLen(b []byte) int {
	k := 0
	for k < len(b) && (isWordByte(b[k]) || b[k] == '-') {
		k++
	}
	if k > 0 && k < len(b) && b[k] == '=' {
		return k
	}
	return 0
}

// hugoValue reads one value at p and returns it with the offset after it.
func hugoValue(src []byte, p int, closer []byte) (string, int, bool) {
	if p >= len(src) {
		return "", p, false
	}
	switch src[p] {
	case '"':
		var b []byte
		for q := p + 1; q < len(src); q++ {
			switch c := src[q]; {
			case c == '\\' && q+1 < len(src) && (src[q+1] == '"' || src[q+1] == '\\'):
				b = append(b, src[q+1])
				q++
			case c == '"':
				return string(b), q + 1, true
			default:
				b = append(b, c)
			}
		}
		return "", p, false
	case '`':
		k := bytes.IndexByte(src[p+1:], '`')
		if k < 0 {
			return "", p, false
		}
		return string(src[p+1 : p+1+k]), p + 2 + k, true
	}
	q := p
	for q < len(src) && !isSpace(src[q]) && !bytes.HasPrefix(src[q:], closer) && !selfCloses(src[q:], closer) {
		q++
	}
	return string(src[p:q]), q, true
}

func skipSpace(src []byte, p int) int {
	for p < len(src) && isSpace(src[p]) {
		p++
	}
	return p
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
