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
	words(text, nil, func(key []byte, _ uint64) { fn(key) })
}

// words is Words, with each key's FNV-1a hash (64 bits), which the scan computes as it
// lower-cases an ASCII word, making keys in buf; it returns buf for the next call.
func words[T ~string | ~[]byte](text T, buf []byte, fn func(key []byte, h uint64)) []byte {
	const offset, prime = 14695981039346656037, 1099511628211
	buf = buf[:0]
	start := -1
	ascii := true
	h := uint64(offset)
	flush := func(end int) {
		if start < 0 {
			return
		}
		if !ascii {
			buf = append(buf[:0], Fold(string(text[start:end]))...)
			h = offset
			for _, c := range buf {
				h = (h ^ uint64(c)) * prime
			}
		}
		if len(buf) > 0 && len(buf) <= maxKeyBytes {
			fn(buf, h)
		}
		start, ascii, buf, h = -1, true, buf[:0], offset
	}
	for i := 0; i < len(text); {
		c := text[i]
		if k := asciiKey[c]; k != 0 {
			if start < 0 {
				start = i
			}
			buf = append(buf, k)
			h = (h ^ uint64(k)) * prime
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c != '\'' || start < 0 || i+1 == len(text) || !isWordStart(text[i+1:]) {
				flush(i)
			}
			i++
			continue
		}
		r, size := decodeRune(text[i:])
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
	return buf
}

// asciiKey maps an ASCII letter or digit to itself lower-cased, any other byte to 0.
var asciiKey = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.IsNumber(r)
}

// isWordStart reports whether s starts with a letter, mark or digit.
func isWordStart[T ~string | ~[]byte](s T) bool {
	r, _ := decodeRune(s)
	return isWordRune(r)
}

// decodeRune is utf8.DecodeRune of a string or bytes.
func decodeRune[T ~string | ~[]byte](s T) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	var b [utf8.UTFMax]byte
	return utf8.DecodeRune(b[:copy(b[:], s)])
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
