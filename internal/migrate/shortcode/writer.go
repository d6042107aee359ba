package shortcode

import (
	"bytes"
	"slices"
	"sort"
	"strings"
)

// writer builds the output and remembers where it put comment lines.
type writer struct {
	buf     []byte
	defs    []span // each comment line written: its "[//]: # (…)" text, prefix and newline excluded
	pending []note // comment lines waiting for the end of the block they follow
	after   byte   // the last write: 0 text, 'd' a dropped token, 'r' a replacement
}

// note is a comment line to be placed after a block.
type note struct {
	anchor int    // src offset after the newline that ends the block
	prefix string // the block's container markers
	text   string // the comment line
}

// text copies body text. After a dropped token, one of two spaces around it goes too.
func (w *writer) text(b []byte) {
	if len(b) == 0 {
		return
	}
	if w.after == 'd' && len(w.buf) > 0 && w.buf[len(w.buf)-1] == ' ' && b[0] == ' ' {
		b = b[1:]
	}
	if w.after == 'd' && len(b) > 0 && (b[0] == '\n' || b[0] == '\r') {
		w.trimLine() // the token ended the line: the space before it goes too
	}
	if w.after != 0 {
		w.join(b)
	}
	w.buf = append(w.buf, b...)
	w.after = 0
}

// replace writes what a token became.
func (w *writer) replace(s string) {
	w.join([]byte(s))
	w.buf = append(w.buf, s...)
	w.after = 'r'
}

// literal writes text that a token stands for as it is: an escape's shortcode, a raw body.
func (w *writer) literal(s string) {
	if w.after != 0 {
		w.join([]byte(s))
	}
	w.buf = append(w.buf, s...)
	w.after = 0
}

func (w *writer) drop() { w.after = 'd' }

// raw writes the writer's own Markdown: blank lines, prefixes.
func (w *writer) raw(s string) {
	w.buf = append(w.buf, s...)
	w.after = 0
}

// def writes a comment line and its newline.
func (w *writer) def(text string) {
	start := len(w.buf)
	w.buf = append(w.buf, text...)
	w.defs = append(w.defs, span{start, len(w.buf)})
	w.buf = append(w.buf, '\n')
	w.after = 0
}

// join keeps a token's removal or replacement from gluing the text around it into a new
// delimiter, as "{" + "% x" would: a space goes between.
func (w *writer) join(next []byte) {
	tail := w.buf[max(0, len(w.buf)-2):]
	head := next[:min(2, len(next))]
	s := string(tail) + string(head)
	for _, d := range []string{"{{", "{%"} {
		for i := 0; i+len(d) <= len(s); i++ {
			if i < len(tail) && i+len(d) > len(tail) && s[i:i+len(d)] == d {
				w.buf = append(w.buf, ' ')
				return
			}
		}
	}
}

// lineStart returns where the line being written starts.
func (w *writer) lineStart() int { return bytes.LastIndexByte(w.buf, '\n') + 1 }

// setLine replaces what the line being written holds so far (container markers) by prefix.
func (w *writer) setLine(prefix string) {
	w.buf = w.buf[:w.lineStart()]
	w.raw(prefix)
}

// trimLine removes trailing spaces and tabs from the line being written.
func (w *writer) trimLine() {
	ls := w.lineStart()
	w.buf = append(w.buf[:ls], bytes.TrimRight(w.buf[ls:], " \t")...)
}

// blankBefore ends the paragraph that the line being written would continue, by a blank line
// in the same containers, unless the line before is blank or a comment line already.
func (w *writer) blankBefore() {
	ls := w.lineStart()
	if w.prevBlank(ls) {
		return
	}
	prefix := string(w.buf[ls:])
	w.buf = w.buf[:ls]
	w.raw(strings.TrimRight(prefix, " \t") + "\n" + prefix)
}

// prevBlank reports whether the line before the one starting at ls is blank, a comment line,
// or absent.
func (w *writer) prevBlank(ls int) bool {
	if ls == 0 {
		return true
	}
	if n := len(w.defs); n > 0 && w.defs[n-1].end+1 == ls {
		return true
	}
	prev := w.buf[bytes.LastIndexByte(w.buf[:ls-1], '\n')+1 : ls-1]
	return len(bytes.Trim(prev, " \t\r>")) == 0
}

// notes writes comment lines after a block: a blank line in the block's containers, then the
// lines.
func (w *writer) notes(ns []note) {
	for i, n := range ns {
		if i == 0 || n.prefix != ns[i-1].prefix {
			if !w.prevBlank(len(w.buf)) {
				w.raw(strings.TrimRight(n.prefix, " \t") + "\n")
			}
		}
		w.raw(n.prefix)
		w.def(n.text)
	}
}

// wait adds notes to those waiting, which are kept in anchor order (stable), so that a
// flush looks only at those due.
func (w *writer) wait(ns ...note) {
	for _, n := range ns {
		k := sort.Search(len(w.pending), func(i int) bool { return w.pending[i].anchor > n.anchor })
		w.pending = slices.Insert(w.pending, k, n)
	}
}

// flush writes the notes whose block ended at or before src offset pos, if the output is at
// the start of a line, and returns the container markers of the last one written.
func (w *writer) flush(pos int) (prefix string, ok bool) {
	if len(w.pending) == 0 || w.pending[0].anchor > pos || len(w.buf) > 0 && w.buf[len(w.buf)-1] != '\n' {
		return "", false
	}
	k := sort.Search(len(w.pending), func(i int) bool { return w.pending[i].anchor > pos })
	due := w.pending[:k:k]
	w.pending = w.pending[k:]
	w.notes(due)
	return due[len(due)-1].prefix, true
}

// flushAll writes every note left, at the end of the body.
func (w *writer) flushAll() {
	if len(w.pending) == 0 {
		return
	}
	if len(w.buf) > 0 && w.buf[len(w.buf)-1] != '\n' {
		w.raw("\n")
	}
	ns := w.pending
	w.pending = nil
	w.notes(ns)
}

// commentLine is how an unknown stays in the Markdown: a link reference definition, which
// renders as nothing. Its title is the tag as written, on one line, parentheses escaped.
func commentLine(what, tag string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "[//]: # (dateline: " + what + " " + r.Replace(collapse(tag)) + ")"
}
