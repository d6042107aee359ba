package search

import (
	"maps"
	"slices"
	"strings"
	"sync"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are the Snowball stemmers by language subtag.
var stemmers = map[string]func(*snowball.Env) bool{
	"da": danish.Stem, "de": german.Stem, "en": english.Stem, "es": spanish.Stem, "fi": finnish.Stem,
	"fr": french.Stem, "hu": hungarian.Stem, "it": italian.Stem, "nb": norwegian.Stem, "nl": dutch.Stem,
	"nn": norwegian.Stem, "no": norwegian.Stem, "pt": portuguese.Stem, "ro": romanian.Stem,
	"ru": russian.Stem, "sv": swedish.Stem, "tr": turkish.Stem,
}

// stopwords are the words of a language too common to search for alone, as keys. Only
// English has a list (the short one search engines have long used): in another language
// every word is indexed, and truncation (MaxPostings) bounds what common ones cost.
var stopwords = map[string][]string{
	"en": strings.Fields("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with"),
}

// Analyzer turns keys into stems for one language. Its methods are safe to call from many
// goroutines; each document is analysed by a Doc, which keeps its own cache of stems.
type Analyzer struct {
	lang string
	stem func(*snowball.Env) bool // nil: keys are their own stems
	stop map[string]bool
	pool sync.Pool // of *analysis
}

// NewAnalyzer returns the analyzer of a site language ("en", "en-US", "pt-BR"), and
// whether the language has a stemmer.
func NewAnalyzer(language string) (*Analyzer, bool) {
	lang := strings.ToLower(language)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	a := &Analyzer{lang: lang, stem: stemmers[lang], stop: map[string]bool{}}
	for _, w := range stopwords[lang] {
		a.stop[w] = true
	}
	return a, a.stem != nil
}

// Stem returns the stem of a key.
func (a *Analyzer) Stem(key string) string {
	if a.stem == nil || !hasLetter(key) {
		return key
	}
	env := snowball.NewEnv(key)
	a.stem(env)
	return env.Current()
}

// Stop reports whether a key is a stopword.
func (a *Analyzer) Stop(key string) bool { return a.stop[key] }

// Stopwords returns each stopword with its stem, for the index's meta file.
func (a *Analyzer) Stopwords() map[string]string {
	out := make(map[string]string, len(a.stop))
	for w := range a.stop {
		out[w] = a.Stem(w)
	}
	return out
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			return true
		}
	}
	return false
}

// Languages lists the language subtags that have a stemmer, sorted.
func Languages() []string { return slices.Sorted(maps.Keys(stemmers)) }
