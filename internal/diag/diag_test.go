package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormatsPathLineColAndHint(t *testing.T) {
	e := &Error{Path: "content/2019/ice.md", Line: 3, Col: 7, Msg: `date "2019-13-01": month out of range`, Hint: "write YYYY-MM-DD"}
	want := `content/2019/ice.md:3:7: date "2019-13-01": month out of range; hint: write YYYY-MM-DD`
	if got := e.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	w := &Error{Path: "content/a.md", Line: 2, Msg: `unknown field "titel"`, Warning: true}
	if got := w.Error(); got != `content/a.md:2:1: warning: unknown field "titel"` {
		t.Errorf("warning = %s", got)
	}
}

func TestNearestFindsOneEditTypos(t *testing.T) {
	known := []string{"title", "date", "authors", "topics", "dek"}
	for typo, want := range map[string]string{
		"titel": "title", "tilte": "title", "titles": "title", "Title": "", "dte": "date",
		"author": "authors", "topic": "topics", "deck": "dek", "summary": "", "colour": "",
	} {
		if got := Nearest(typo, known); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", typo, got, want)
		}
	}
}

func TestFlattenSortSplit(t *testing.T) {
	a := &Error{Path: "b.md", Line: 1, Msg: "x"}
	b := &Error{Path: "a.md", Line: 9, Msg: "y"}
	c := &Error{Path: "a.md", Line: 2, Msg: "z", Warning: true}
	all := Flatten(errors.Join(a, errors.Join(b, fmt.Errorf("wrapped: %w", c))))
	Sort(all)
	errs, warns := Split(errors.Join(all...))
	if len(errs) != 2 || errs[0] != b || errs[1] != a || len(warns) != 1 {
		t.Fatalf("errs %v warns %v", errs, warns)
	}
}
