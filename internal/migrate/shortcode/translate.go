package shortcode

import (
	"bytes"
	"strings"
)

// run translates tokens lo..hi-1, which lie in src[from:to], into w.
func (t *translator) run(w *writer, lo, hi, from, to int) {
	pos := from
	for i := lo; i < hi; i++ {
		tok := &t.toks[i]
		if tok.start < pos {
			continue // inside a pair already translated
		}
		t.copy(w, pos, tok.start)
		pos = t.emit(w, i, lo, hi)
		t.flush(w, pos)
	}
	t.copy(w, pos, to)
}

// copy writes body text, placing notes at the ends of their blocks.
func (t *translator) copy(w *writer, from, to int) {
	for from < to {
		nl := bytes.IndexByte(t.src[from:to], '\n')
		if nl < 0 {
			w.text(t.src[from:to])
			return
		}
		w.text(t.src[from : from+nl+1])
		from += nl + 1
		t.flush(w, from)
	}
}

// flush writes the notes due at pos, and a blank line after them unless the body has one
// there: a comment line is read as a paragraph would be, so a line after it could continue it
// (an indented code block after a heading would become text).
func (t *translator) flush(w *writer, pos int) {
	if prefix, ok := w.flush(pos); ok && !blankLine(t.src[pos:lineEnd(t.src, pos)]) {
		w.raw(strings.TrimRight(prefix, " \t") + "\n")
	}
}

// blankLine reports whether a line holds only white space and block quote markers.
func blankLine(line []byte) bool {
	return len(bytes.Trim(line, " \t\r>")) == 0
}

// emit writes what token i becomes and returns the src offset after what it consumed.
func (t *translator) emit(w *writer, i, lo, hi int) int {
	tok := &t.toks[i]
	switch tok.kind {
	case kindEscape:
		if inSpans(t.lay.code, tok.start) {
			w.literal(tok.literal)
		} else {
			w.replace(t.codeSpan(tok.literal, tok.start))
		}
		return tok.end
	case kindRaw:
		w.literal(string(t.src[tok.body.start:tok.body.end]))
		return tok.end
	case kindComment:
		w.drop()
		return tok.end
	case kindIAL:
		w.trimLine()
		w.drop()
		return tok.end
	case kindBroken:
		return t.unknown(w, tok, true)
	}
	if tok.closing {
		opened := tok.pair >= lo && tok.pair < i
		if opened && isMarkup(&t.toks[tok.pair]) && !t.custom.has(tok.name) {
			w.drop()
			return tok.end
		}
		return t.unknown(w, tok, !opened)
	}
	if t.custom.has(tok.name) {
		if end, ok := t.customize(w, i, hi); ok {
			return end
		}
		return t.unknown(w, tok, true)
	}
	if end, ok := t.builtin(w, i); ok {
		return end
	}
	return t.unknown(w, tok, true)
}

// pairable reports whether an opening token may take a closing one: a Custom name (its body
// is .Inner) or any shortcode or tag but those this package translates on their own.
func (t *translator) pairable(tok *token) bool {
	if t.custom.has(tok.name) {
		return true
	}
	switch tok.name {
	case "figure", "ref", "relref", "youtube", "vimeo", "instagram", "gist", "tweet", "x":
		return !tok.hugo
	case "link", "post_url", "include", "assign":
		return tok.hugo
	}
	return true
}

// isMarkup reports whether a token only says that what follows is Markdown, as a site's
// {{% md %}}…{{% /md %}} does: it is dropped, its body kept.
func isMarkup(tok *token) bool {
	return tok.hugo && tok.kind == kindShortcode && tok.name == "md"
}

// codeSpan writes body as inline code whose backtick runs are longer than any in the block
// around off, so that they pair with nothing the block already had.
func (t *translator) codeSpan(body string, off int) string {
	least := 1
	if lf, _, ok := t.lay.at(off); ok {
		if lf.ticks < 0 {
			lf.ticks = longestRun(string(t.src[lf.start:lf.end]), '`')
		}
		least = lf.ticks + 1
	}
	return codeSpan(body, least)
}

// unknown leaves a token untranslated: on a line of its own it becomes a comment line there;
// inside text it is removed and its comment line goes after the block. report is false for
// the closing tag of a pair, whose opening tag was reported.
func (t *translator) unknown(w *writer, tok *token, report bool) int {
	name := tok.name
	if tok.closing && tok.hugo {
		name = "/" + name
	}
	if report {
		t.report(tok, name, "")
	}
	comment := commentLine(t.describe(tok), string(t.src[tok.start:tok.end]))
	if t.hoist >= 0 {
		t.hoisted = append(t.hoisted, note{anchor: t.hoist, prefix: t.hoistPrefix, text: comment})
		w.drop()
		return tok.end
	}
	if lf, line, ok := t.standalone(tok.start, tok.end); ok {
		ownLine(w, lf, line)
		w.def(comment)
		return t.skipLine(tok.end)
	}
	anchor, prefix := t.after(tok.start)
	w.wait(note{anchor: anchor, prefix: prefix, text: comment})
	if e := tok.expr; e != nil && e.literal && !hasDelim(e.base) {
		w.replace(escText(e.base)) // {{ "moncef" | team_link }} mid-sentence: the sentence keeps its words
		return tok.end
	}
	w.drop()
	return tok.end
}

// describe names a token's kind in its comment line.
func (t *translator) describe(tok *token) string {
	what := "tag"
	switch {
	case tok.hugo:
		what = "shortcode"
	case tok.kind == kindOutput:
		what = "output"
	}
	if tok.kind == kindBroken {
		return "unterminated " + what
	}
	return "unknown " + what
}

// standalone reports whether the token is alone on a line of a paragraph, only container
// markers (a list item's included) before it, and returns the paragraph and the index of
// that line in it.
func (t *translator) standalone(start, end int) (*leaf, int, bool) {
	m := t.lay.masked
	s, ok := t.lay.segAt(start)
	if !ok || !t.lay.leaves[s.leaf].paragraph {
		return nil, 0, false
	}
	if len(bytes.TrimLeft(m[s.start:start], " \t")) > 0 || len(bytes.TrimSpace(m[end:lineEnd(m, end)])) > 0 {
		return nil, 0, false
	}
	return &t.lay.leaves[s.leaf], s.line, true
}

// ownLine starts the line that replaces a token alone on a later line of a paragraph: a blank
// line, then the paragraph's container markers, not the line's own (a lazy line has none, an
// indented one too many for a new block). On the first line, the markers written stay: they
// may open a list item.
func ownLine(w *writer, lf *leaf, line int) {
	if line > 0 {
		w.setLine(lf.prefix)
		w.blankBefore()
	}
}

// after returns where a note on the token at off goes: after its block, in its containers;
// failing a block, after its line.
func (t *translator) after(off int) (int, string) {
	if lf, _, ok := t.lay.at(off); ok {
		return lf.end, lf.prefix
	}
	end := lineEnd(t.lay.masked, off)
	return min(end+1, len(t.src)), ""
}

// prefixAt returns the container markers of the block holding off, for the lines a
// multi-line replacement adds.
func (t *translator) prefixAt(off int) string {
	if lf, _, ok := t.lay.at(off); ok {
		return lf.prefix
	}
	return ""
}

// skipLine returns the offset after the white space and newline that end the line at off.
func (t *translator) skipLine(off int) int {
	for off < len(t.src) && (t.src[off] == ' ' || t.src[off] == '\t' || t.src[off] == '\r') {
		off++
	}
	if off < len(t.src) && t.src[off] == '\n' {
		off++
	}
	return off
}

// indent puts prefix after each newline of a replacement, keeping its lines in the containers.
func indent(s, prefix string) string {
	if prefix == "" || !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// hasDelim reports whether a translation would bring template syntax back into the text.
func hasDelim(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%")
}
