package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"dateline/internal/diag"
)

// Format is the language of a front matter block.
type Format int

const (
	YAML Format = iota + 1 // between --- lines
	TOML                   // between +++ lines
)

// Split is an article file cut into its front matter and its Markdown body.
type Split struct {
	Format      Format
	FrontMatter []byte // the text between the delimiter lines
	FrontLine   int    // the file line on which FrontMatter starts
	Body        []byte // everything after the closing delimiter line
	BodyOffset  int    // the byte offset of Body in the file
	BodyLine    int    // the file line on which Body starts
}

// SplitFile cuts an article into front matter and body. The file must be UTF-8 text that
// starts (after an optional byte order mark and blank lines) with a --- or +++ line, closed by the same.
// Errors carry the line and column they refer to.
func SplitFile(path string, data []byte) (*Split, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &diag.Error{Path: path, Line: 1, Col: 1, Msg: "empty file", Hint: "an article starts with ---, then title: and date:, then --- and the text"}
	}
	if line, col, ok := invalidText(data); !ok {
		return nil, &diag.Error{Path: path, Line: line, Col: col, Msg: "not UTF-8 text", Hint: "save the file as UTF-8, or move it out of content/ if it is not an article"}
	}
	start := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		start = 3
	}
	first, next := lineAt(data, start)
	lineNo := 1
	for len(bytes.TrimSpace(first)) == 0 && next < len(data) { // blank lines some exports leave before ---
		first, next = lineAt(data, next)
		lineNo++
	}
	var delim string
	var s Split
	switch string(bytes.TrimRight(first, " \t\r")) {
	case "---":
		delim, s.Format = "---", YAML
	case "+++":
		delim, s.Format = "+++", TOML
	default:
		return nil, &diag.Error{Path: path, Line: lineNo, Col: 1, Msg: "no front matter",
			Hint: "start the file with a line ---, then title: and date:, then a line ---"}
	}
	lineNo++
	s.FrontLine = lineNo
	for pos := next; pos < len(data); lineNo++ {
		line, after := lineAt(data, pos)
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			s.FrontMatter = data[next:pos]
			s.Body, s.BodyOffset, s.BodyLine = data[after:], after, lineNo+1
			return &s, nil
		}
		pos = after
	}
	return nil, &diag.Error{Path: path, Line: 1, Col: 1, Msg: fmt.Sprintf("front matter opened with %s is never closed", delim),
		Hint: fmt.Sprintf("add a line %s after the last field", delim)}
}

// lineAt returns the line starting at pos, without its newline, and the offset of the next line.
func lineAt(data []byte, pos int) (line []byte, next int) {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return data[pos : pos+i], pos + i + 1
	}
	return data[pos:], len(data)
}

// invalidText finds the first byte that makes data not UTF-8 text (an invalid sequence or
// a NUL, which only binary files hold) and returns its line and column.
func invalidText(data []byte) (line, col int, ok bool) {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return 0, 0, true
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && size <= 1) || r == 0 {
			return line, col, false
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return line, col, false
}
