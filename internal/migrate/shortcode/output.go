package shortcode

import "strings"

// output writes the Liquid outputs that only make addresses: {{ site.url }},
// {{ site.baseurl }}, a string literal, and a literal through url, relative_url,
// absolute_url, prepend and append. Any other variable or filter is unknown.
func (t *translator) output(w *writer, i int) (int, bool) {
	tok := &t.toks[i]
	e := tok.expr
	var s string
	switch {
	case !e.literal && len(e.filters) == 0 && isSiteVar(e.base):
		s = t.siteBase(i)
	case e.literal:
		v, ok := t.evalURL(e)
		if !ok || hasDelim(v) {
			return 0, false
		}
		s = v
	default:
		return 0, false
	}
	w.replace(s)
	return tok.end, true
}

func isSiteVar(v string) bool { return v == "site.url" || v == "site.baseurl" }

// siteBase is what site.url or site.baseurl stands for: SiteURL without its trailing slash,
// or, with no SiteURL, "/" unless a path follows. Jekyll's {{ site.url }}{{ site.baseurl }}
// is one address, written once.
func (t *translator) siteBase(i int) string {
	tok := &t.toks[i]
	if tok.expr.base == "site.url" && i+1 < len(t.toks) {
		next := &t.toks[i+1]
		if next.start == tok.end && next.kind == kindOutput && next.expr.base == "site.baseurl" && len(next.expr.filters) == 0 {
			return ""
		}
	}
	base := strings.TrimRight(t.opts.SiteURL, "/")
	if base == "" && (tok.end >= len(t.src) || t.src[tok.end] != '/') {
		return "/"
	}
	return base
}

// evalURL applies a literal's filters; ok false if one is not an address filter.
func (t *translator) evalURL(e *expr) (string, bool) {
	v, sited := e.base, false
	for _, f := range e.filters {
		switch f.name {
		case "url", "relative_url", "absolute_url":
			if len(f.args) > 0 {
				return "", false
			}
			sited = true
		case "prepend", "append":
			if len(f.args) != 1 {
				return "", false
			}
			a := f.args[0]
			switch {
			case !a.literal && f.name == "prepend" && isSiteVar(a.text):
				sited = true
			case !a.literal:
				return "", false
			case f.name == "prepend":
				v = a.text + v
			default:
				v += a.text
			}
		default:
			return "", false
		}
	}
	if !sited || isAbsolute(v) {
		return v, true
	}
	return strings.TrimRight(t.opts.SiteURL, "/") + "/" + strings.TrimPrefix(v, "/"), true
}

// isAbsolute reports whether a URL needs no site before it: it has a scheme or a host, or is
// only a fragment.
func isAbsolute(u string) bool {
	if strings.HasPrefix(u, "//") || strings.HasPrefix(u, "#") {
		return true
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == ':':
			return i > 0
		case isWordByte(c) || c == '+' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return false
}

// outputArgs are a Custom template's .Args for an output: the value, then the arguments of the
// filter the output is named for.
func outputArgs(e *expr, name string) []string {
	args := []string{e.base}
	for _, f := range e.filters {
		if f.name == name {
			for _, a := range f.args {
				args = append(args, a.text)
			}
			break
		}
	}
	return args
}
