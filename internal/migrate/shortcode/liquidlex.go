package shortcode

import "strings"

// tag reads {% name markup %} at i; Liquid's {%- -%} trimming marks are read and ignored.
// comment and highlight take everything up to their end tag.
func (l *lexer) tag(i int) token {
	end, ok := l.findClose(i+2, "%}")
	if !ok {
		name, _ := splitName(trimDash(string(l.src[i+2 : lineEnd(l.src, i)])))
		return l.broken(i, name, false)
	}
	name, rest := splitName(trimDash(string(l.src[i+2 : end-2])))
	t := token{kind: kindTag, start: i, end: end, call: call{name: name}}
	switch name {
	case "comment":
		if loc := l.next(commentClose, end); loc != nil {
			t.kind, t.end = kindComment, loc[1]
		}
	case "highlight":
		if loc := l.next(liquidHLEnd, end); loc != nil {
			t.kind, t.body, t.end = kindVerbatim, span{end, loc[0]}, loc[1]
		}
	}
	t.closing = len(name) > 3 && strings.HasPrefix(name, "end")
	t.args, t.named = liquidArgs(rest)
	return t
}

// output reads {{ expression }} at i. Unclosed, it is not Liquid but text.
func (l *lexer) output(i int) (token, bool) {
	end, ok := l.findClose(i+2, "}}")
	if !ok {
		return token{}, false
	}
	e := parseExpr(trimDash(string(l.src[i+2 : end-2])))
	return token{kind: kindOutput, start: i, end: end, call: call{name: e.name(), expr: e}}, true
}

func trimDash(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimSuffix(s, "-")
	return strings.TrimSpace(s)
}

// splitName splits a tag's markup into its name (a word) and the rest.
func splitName(s string) (name, rest string) {
	k := 0
	for k < len(s) && (isWordByte(s[k]) || s[k] == '-') {
		k++
	}
	return s[:k], s[k:]
}

// liquidArgs reads a tag's arguments: "quoted" or 'quoted' strings and bare words, separated
// by white space or commas; key=value and key: value are named (Jekyll's include and
// Liquid's own spellings).
func liquidArgs(s string) (args []string, named map[string]string) {
	for {
		s = strings.TrimLeft(s, " \t\r\n,")
		if s == "" {
			return args, named
		}
		key, _ := splitName(s)
		if key != "" && len(key) < len(s) && (s[len(key)] == '=' || s[len(key)] == ':') {
			var v string
			v, s = liquidValue(strings.TrimLeft(s[len(key)+1:], " \t\r\n"))
			if named == nil {
				named = map[string]string{}
			}
			named[key] = v
			continue
		}
		var v string
		v, s = liquidValue(s)
		args = append(args, v)
	}
}

// liquidValue reads a quoted string or a bare word from the front of s.
func liquidValue(s string) (v, rest string) {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if k := strings.IndexByte(s[1:], s[0]); k >= 0 {
			return s[1 : 1+k], s[2+k:]
		}
		return s[1:], ""
	}
	k := strings.IndexAny(s, " \t\r\n,")
	if k < 0 {
		return s, ""
	}
	return s[:k], s[k:]
}

// expr is a Liquid output: a value and its filters.
type expr struct {
	base    string // a string literal's text, or a variable as written
	literal bool
	filters []filter
}

type filter struct {
	name string
	args []value
}

type value struct {
	text    string
	literal bool
}

// parseExpr reads `"/x" | relative_url` or `site.baseurl` or `"noah" | team_link: 2`.
func parseExpr(s string) *expr {
	parts := splitOutside(s, '|')
	b := parseValue(parts[0])
	e := &expr{base: b.text, literal: b.literal}
	for _, p := range parts[1:] {
		name, args, _ := strings.Cut(p, ":")
		f := filter{name: strings.TrimSpace(name)}
		if strings.TrimSpace(args) != "" {
			for _, a := range splitOutside(args, ',') {
				f.args = append(f.args, parseValue(a))
			}
		}
		e.filters = append(e.filters, f)
	}
	return e
}

func parseValue(s string) value {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return value{text: s[1 : len(s)-1], literal: true}
	}
	return value{text: s}
}

// splitOutside splits s at each sep that is not inside quotes.
func splitOutside(s string, sep byte) []string {
	var parts []string
	var quote byte
	from := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == sep:
			parts = append(parts, s[from:i])
			from = i + 1
		}
	}
	return append(parts, s[from:])
}

// urlFilters only put the site's address before a path.
func urlFilter(name string) bool {
	switch name {
	case "url", "relative_url", "absolute_url", "prepend", "append":
		return true
	}
	return false
}

// name is what an unknown output is reported as: its variable, or its first filter that does
// more than make a URL.
func (e *expr) name() string {
	if !e.literal {
		return e.base
	}
	for _, f := range e.filters {
		if !urlFilter(f.name) {
			return f.name
		}
	}
	if len(e.filters) > 0 {
		return e.filters[0].name
	}
	return ""
}
