package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Words calls fn with the key of every word of text, in order. A word is a run of
// letters, marks and digits; an apostrophe between two such characters joins them and is
// dropped ("council's" is "councils"). The key is the word lower-cased and folded
// (Fold). The buffer fn gets is reused: it must copy what it keeps.
func Words(text string, fn func(key []byte)) {
	var buf []byte
	start := -1
	ascii := true
	flush := func(end int) {
		if start < 0 {
			return
		}
		buf = appendKey(buf[:0], text[start:end], ascii)
		if len(buf) > 0 && len(buf) <= maxKeyBytes {
			fn(buf)
		}
		start, ascii = -1, true
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
				if start < 0 {
					start = i
				}
			case c == '\'' && start >= 0 && i+1 < len(text) && isWordStart(text[i+1:]):
			default:
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			ascii = false
		case r == '’' && start >= 0 && i+size < len(text) && isWordStart(text[i+size:]):
			ascii = false
		default:
			flush(i)
		}
		i += size
	}
	flush(len(text))
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.IsNumber(r)
}

// isWordStart reports whether s starts with a letter, mark or digit.
func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// appendKey appends the key of a word: lower-cased, folded, without apostrophes.
func appendKey(dst []byte, word string, ascii bool) []byte {
	if ascii {
		for i := 0; i < len(word); i++ {
			c := word[i]
			switch {
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c != '\'':
				dst = append(dst, c)
			}
		}
		return dst
	}
	return append(dst, Fold(word)...)
}

// folds are letters that decomposition leaves whole but readers type otherwise.
var folds = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i", "'", "", "’", "")

// Fold lower-cases a word, drops its diacritics (every mark after canonical
// decomposition) and apostrophes, and spells out the letters in folds.
func Fold(word string) string {
	lower := strings.ToLower(word)
	var b strings.Builder
	b.Grow(len(lower))
	for _, r := range norm.NFD.String(lower) {
		if !unicode.IsMark(r) {
			b.WriteRune(r)
		}
	}
	return folds.Replace(b.String())
}
