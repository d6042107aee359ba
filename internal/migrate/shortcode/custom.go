package shortcode

import (
	"fmt"
	"slices"
	"strings"
	"text/template"
)

// customs are the parsed templates of Options.Custom, one per name. They belong to one
// Translate call, which sets the arg func of a template before each execution.
type customs struct {
	tmpl map[string]*template.Template
}

// customCall is what a Custom template sees.
type customCall struct {
	Name  string
	Args  []string
	Named map[string]string
	Inner string
}

// compile parses every Custom template, in name order so that the error reported for a set
// with several bad ones is always the same.
func compile(custom map[string]string) (*customs, error) {
	c := &customs{tmpl: map[string]*template.Template{}}
	names := make([]string, 0, len(custom))
	for name := range custom {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		tmpl, err := template.New(name).
			Option("missingkey=zero").
			Funcs(template.FuncMap{"arg": func(string, int) string { return "" }}).
			Parse(custom[name])
		if err != nil {
			return nil, fmt.Errorf("custom shortcode %q: %w", name, err)
		}
		c.tmpl[name] = tmpl
	}
	return c, nil
}

func (c *customs) has(name string) bool {
	_, ok := c.tmpl[name]
	return ok && name != ""
}

// run executes the template of a name.
func (c *customs) run(data customCall) (string, error) {
	tmpl := c.tmpl[data.Name]
	call := call{name: data.Name, args: data.Args, named: data.Named}
	tmpl.Funcs(template.FuncMap{"arg": call.arg})
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// customize writes a token through its Custom template. A paired shortcode's body is
// translated first and given as .Inner; the comment lines of unknowns inside it are hoisted
// to after the block holding the opening tag. ok false: the template failed on this token,
// which is then unknown; nothing it translated inside is kept.
func (t *translator) customize(w *writer, i, hi int) (int, bool) {
	tok := &t.toks[i]
	data := customCall{Name: tok.name, Args: tok.args, Named: tok.named}
	end := tok.end
	found, hoisted, outer := len(t.found), len(t.hoisted), t.hoist < 0
	switch {
	case tok.kind == kindOutput:
		data.Args = outputArgs(tok.expr, tok.name)
	case tok.kind == kindVerbatim:
		data.Inner = dedent(string(t.src[tok.body.start:tok.body.end]), t.prefixAt(tok.start))
	case tok.pair > i && tok.pair < hi:
		data.Inner = dedent(t.inner(i), t.prefixAt(tok.start))
		end = t.toks[tok.pair].end
	}
	if outer {
		t.hoist = -1
	}
	s, err := t.custom.run(data)
	if err != nil {
		t.found, t.hoisted = t.found[:found], t.hoisted[:hoisted]
		return 0, false
	}
	if outer {
		w.wait(t.hoisted...)
		t.hoisted = nil
	}
	if s == "" {
		w.drop()
		return end, true
	}
	w.replace(indent(s, t.prefixAt(tok.start)))
	return end, true
}

// dedent removes the container markers from the lines after the first of a body, which the
// template's output gets back from indent, with the lines the template adds.
func dedent(s, prefix string) string {
	if prefix == "" || !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	bare := strings.TrimRight(prefix, " \t")
	for k := 1; k < len(lines); k++ {
		if l, ok := strings.CutPrefix(lines[k], prefix); ok {
			lines[k] = l
		} else {
			lines[k] = strings.TrimPrefix(lines[k], bare)
		}
	}
	return strings.Join(lines, "\n")
}

// inner translates the body of the pair opened by token i on its own, hoisting notes.
func (t *translator) inner(i int) string {
	tok := &t.toks[i]
	closing := &t.toks[tok.pair]
	if t.hoist < 0 {
		t.hoist, t.hoistPrefix = t.after(tok.start)
	}
	iw := &writer{}
	t.run(iw, i+1, tok.pair, tok.end, closing.start)
	return string(iw.buf)
}
