// Package diag holds the diagnostics a build reports to an editor: errors and warnings
// that name a file, a line and a column, and say how to fix them where a fix is known.
//
// Every stage returns *Error values, joined with errors.Join, so that one build reports
// everything that is wrong at once. Only the cli package prints them.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in one file. Path is slash-separated and relative to the site
// (content/2019/ice.md). Line and Col start at 1; 0 means unknown.
type Error struct {
	Path    string
	Line    int
	Col     int
	Msg     string
	Hint    string // how to fix it, when known
	Warning bool   // reported, but the build goes on
	Err     error  // the cause, if any
}

// Error formats the problem on one line, as path:line:col: message; hint: fix.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, max(e.Col, 1))
	}
	b.WriteString(": ")
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; hint: ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Flatten returns the leaves of an error tree built with errors.Join, in order.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// Sort orders diagnostics by path, line and column, so that reports are stable although
// files are read in parallel.
func Sort(errs []error) {
	key := func(e error) (string, int, int) {
		var d *Error
		if errors.As(e, &d) {
			return d.Path, d.Line, d.Col
		}
		return "", 0, 0
	}
	sort.SliceStable(errs, func(i, j int) bool {
		pi, li, ci := key(errs[i])
		pj, lj, cj := key(errs[j])
		if pi != pj {
			return pi < pj
		}
		if li != lj {
			return li < lj
		}
		return ci < cj
	})
}

// Split separates warnings from errors.
func Split(err error) (errs, warnings []error) {
	for _, e := range Flatten(err) {
		var d *Error
		if errors.As(e, &d) && d.Warning {
			warnings = append(warnings, e)
		} else {
			errs = append(errs, e)
		}
	}
	return errs, warnings
}

// Nearest returns the candidate that is one edit (insertion, deletion, substitution or
// transposition) away from s, ignoring case, or "" when there is none.
func Nearest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc != ls && oneEdit(ls, lc) {
			return c
		}
	}
	return ""
}

func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	}
	return a[i:] == b[i+1:] // insertion
}
