package shortcode

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
)

// kind is what a token is, and so what becomes of it.
type kind uint8

const (
	kindShortcode kind = iota // {{< name args >}}, {{% name args %}}
	kindTag                   // {% name markup %}
	kindOutput                // {{ expression }}
	kindEscape                // {{</* … */>}}: written as the literal shortcode, even in code
	kindRaw                   // {% raw %}…{% endraw %}: written as its body, even in code
	kindComment               // {% comment %}…{% endcomment %}: dropped
	kindVerbatim              // highlight and its body up to the closing tag, read as is
	kindIAL                   // kramdown {: …} ending a line: dropped
	kindBroken                // an opening delimiter not closed before a blank line
)

// token is one construct found in the body.
type token struct {
	kind       kind
	start, end int // the whole construct, closing tag included for raw, comment and verbatim
	body       span
	call
	hugo        bool // Hugo syntax (a shortcode) rather than Liquid (a tag or output)
	closing     bool // {{< /name >}} or {% endname %}
	selfClosing bool // {{< name />}}
	literal     string
	pair        int // index of the matching opening or closing token, -1 if none
}

// call is a shortcode's or tag's name and arguments.
type call struct {
	name  string
	args  []string
	named map[string]string
	expr  *expr // an output's expression
}

type span struct{ start, end int }

var (
	rawOpen      = regexp.MustCompile(`^\{%-?\s*raw\s*-?%\}`)
	rawClose     = regexp.MustCompile(`\{%-?\s*endraw\s*-?%\}`)
	commentClose = regexp.MustCompile(`\{%-?\s*endcomment\s*-?%\}`)
	liquidHLEnd  = regexp.MustCompile(`\{%-?\s*endhighlight\s*-?%\}`)
	hugoHLEnd    = regexp.MustCompile(`\{\{[<%]\s*/\s*highlight\s*[>%]\}\}`)
	kramdownIAL  = regexp.MustCompile(`^\{:(?:[ \t]*(?:[#.][\w:-]+|[A-Za-z_][\w-]*(?:=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]*))?))*[ \t]*\}[ \t\r]*(?:\n|$)`)
)

// lexer finds the tokens of one body. Every search it makes is bounded by the paragraph it
// starts in or remembered, so a body full of unclosed delimiters still lexes in linear time.
type lexer struct {
	src  []byte
	code []span
	syn  Syntax

	paraFrom, paraEnd int                       // src[paraFrom:paraEnd] holds no blank line
	ends              map[*regexp.Regexp]*match // the next closing tag of each kind
}

// match is the next match of a closing tag at or after from (loc nil: none).
type match struct {
	from int
	loc  []int
}

// lex finds every token of src, skipping those whose opening lies in code, except escapes and
// raw blocks, which are for code.
func lex(src []byte, code []span, syn Syntax) []token {
	l := &lexer{src: src, code: code, syn: syn, paraFrom: -1, ends: map[*regexp.Regexp]*match{}}
	var toks []token
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 {
			break
		}
		i += j
		t, ok := l.at(i)
		if !ok {
			i++
			continue
		}
		t.pair = -1
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

func (l *lexer) at(i int) (token, bool) {
	rest, syn := l.src[i:], l.syn
	if syn.hugo() && (bytes.HasPrefix(rest, []byte("{{</*")) || bytes.HasPrefix(rest, []byte("{{%/*"))) {
		if t, ok := l.escape(i); ok {
			return t, true
		}
	}
	if syn.liquid() && rawOpen.Match(rest) {
		if t, ok := l.raw(i); ok {
			return t, true
		}
	}
	if inSpans(l.code, i) {
		return token{}, false
	}
	switch {
	case syn.hugo() && (bytes.HasPrefix(rest, []byte("{{<")) || bytes.HasPrefix(rest, []byte("{{%"))):
		return l.shortcode(i), true
	case syn.liquid() && bytes.HasPrefix(rest, []byte("{%")):
		return l.tag(i), true
	case syn.liquid() && bytes.HasPrefix(rest, []byte("{{")):
		return l.output(i)
	case syn.liquid() && bytes.HasPrefix(rest, []byte("{:")):
		if m := kramdownIAL.Find(rest); m != nil {
			end := i + len(bytes.TrimRight(m, "\r\n"))
			return token{kind: kindIAL, start: i, end: end}, true
		}
	}
	return token{}, false
}

// escape reads {{</* name args */>}}, which Hugo writes as {{< name args >}}.
func (l *lexer) escape(i int) (token, bool) {
	delim := l.src[i+2] // '<' or '%'
	closer := "*/" + closerOf(delim)
	end, ok := l.findClose(i+5, closer)
	if !ok {
		return token{}, false
	}
	inner := string(l.src[i+5 : end-len(closer)])
	lit := "{{" + string(delim) + inner + closerOf(delim)
	return token{kind: kindEscape, start: i, end: end, hugo: true, literal: lit}, true
}

// raw reads {% raw %}body{% endraw %}; the body is Liquid's only literal text.
func (l *lexer) raw(i int) (token, bool) {
	open := rawOpen.Find(l.src[i:])
	loc := l.next(rawClose, i+len(open))
	if loc == nil {
		return token{}, false
	}
	return token{kind: kindRaw, start: i, end: loc[1], body: span{i + len(open), loc[0]}}, true
}

// next returns the absolute location of the first match of re at or after from, or nil.
func (l *lexer) next(re *regexp.Regexp, from int) []int {
	f := l.ends[re]
	if f != nil && f.from <= from && (f.loc == nil || f.loc[0] >= from) {
		return f.loc
	}
	f = &match{from: from}
	if loc := re.FindIndex(l.src[from:]); loc != nil {
		f.loc = []int{from + loc[0], from + loc[1]}
	}
	l.ends[re] = f
	return f.loc
}

// limit returns the end of the paragraph holding p: the newline before the next blank line,
// or len(src). No shortcode or tag spans a paragraph break, so a missing closer costs one line.
func (l *lexer) limit(p int) int {
	if p >= l.paraFrom && p < l.paraEnd {
		return l.paraEnd
	}
	l.paraFrom, l.paraEnd = p, len(l.src)
	for q := p; q < len(l.src); {
		nl := bytes.IndexByte(l.src[q:], '\n')
		if nl < 0 {
			break
		}
		q += nl
		rest := bytes.TrimLeft(l.src[q+1:], " \t\r")
		if len(rest) == 0 || rest[0] == '\n' {
			l.paraEnd = q
			break
		}
		q++
	}
	if l.paraEnd == p && p < len(l.src) {
		l.paraEnd++ // p is that newline: the window must hold p
	}
	return l.paraEnd
}

// findClose returns the offset after the first closer at or after from, within its paragraph.
func (l *lexer) findClose(from int, closer string) (int, bool) {
	lim := l.limit(from)
	if from > lim {
		return 0, false
	}
	k := bytes.Index(l.src[from:lim], []byte(closer))
	if k < 0 {
		return 0, false
	}
	return from + k + len(closer), true
}

// broken is an opening delimiter without its closer: the token runs to the end of its line.
func (l *lexer) broken(i int, name string, hugo bool) token {
	return token{kind: kindBroken, start: i, end: lineEnd(l.src, i), call: call{name: name}, hugo: hugo}
}

// lineEnd returns the offset of the newline ending the line holding off, or len(src).
func lineEnd(src []byte, off int) int {
	if nl := bytes.IndexByte(src[off:], '\n'); nl >= 0 {
		return off + nl
	}
	return len(src)
}

func inSpans(spans []span, off int) bool {
	k := sort.Search(len(spans), func(i int) bool { return spans[i].end > off })
	return k < len(spans) && spans[k].start <= off
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// collapse makes each run of white space one space and trims the ends.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
