// Package slug turns headlines, file names and taxonomy terms into the clean ASCII path
// segments used in URLs and HTML ids.
//
// A slug holds only a-z, 0-9 and single hyphens, never starts or ends with a hyphen, and is
// at most MaxLen bytes long. Latin letters lose their accents (Peña → pena) and the few
// letters that do not decompose are spelt out (ß → ss, Æ → ae). Text with no Latin letters
// or digits has no slug: Make returns "" and the caller reports it.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen bounds a slug so that a pathological title cannot make a path too long for a
// file system; the cut falls on a hyphen where one is near.
const MaxLen = 80

// spelled maps letters that Unicode decomposition leaves alone to their usual ASCII spelling.
var spelled = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", 'ħ': "h", 'Ħ': "h", '&': " and ",
}

// Make returns the slug of s, or "" when s has no letters or digits that can be spelt in ASCII.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false // a separator is pending
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if sp, ok := spelled[r]; ok {
			for _, c := range sp {
				hyphen = add(&b, c, hyphen)
			}
			continue
		}
		hyphen = add(&b, r, hyphen)
		if b.Len() > MaxLen+1 {
			break
		}
	}
	return trim(b.String())
}

// add appends r to b when it is an ASCII letter or digit, and otherwise records that a
// hyphen is due before the next letter. It returns the new pending state.
func add(b *strings.Builder, r rune, hyphen bool) bool {
	switch {
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
	case 'A' <= r && r <= 'Z':
		r += 'a' - 'A'
	case r == '\'' || r == '’':
		return hyphen // "Reporter's notebook" → reporters-notebook
	default:
		return true
	}
	if hyphen && b.Len() > 0 {
		b.WriteByte('-')
	}
	b.WriteRune(r)
	return false
}

// trim cuts s to MaxLen, preferring to cut at a hyphen in the last quarter.
func trim(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	s = s[:MaxLen]
	if i := strings.LastIndexByte(s, '-'); i > MaxLen*3/4 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

// Valid reports whether s is already a slug, as Make would return it.
func Valid(s string) bool {
	return s != "" && Make(s) == s
}
