// Package search builds the archive's search index, which the browser reads a piece at a
// time: no server, and nothing loaded that the query does not need.
//
// Text becomes words as the browser's script splits a query (Words): runs of letters,
// marks and digits, lower-cased, with diacritics folded away, so that "Pena" finds
// "Peña". A word's key is what the reader types; its stem, made here by the Snowball
// stemmer of the site's language, is what the index keeps, so the browser never stems:
// it looks keys up in a dictionary, split into files by the key's first characters, which
// also serve prefix search as the reader types.
//
// The index holds three kinds of term: stems; biwords, two stems in a row but for
// stopwords between them, which answer quoted phrases over the headline, the dek and the
// start of the body; and filter terms
// (#topic:slug, #author:slug). Each term's postings (document, weighted frequency,
// quantised length) go to one of a fixed number of shards by a hash of the term, so a
// query fetches one small file per term. Documents are numbered oldest first, so a
// year is a range of numbers and "newest first" is a descending one; adding the day's
// articles changes only the shards of their terms. Ranking (BM25, headline weighted,
// recency breaking ties) happens in the browser, from the raw frequencies: nothing in a
// shard depends on the size of the archive, so a shard that no article touched keeps its
// bytes.
//
// A term in more documents than MaxPostings keeps only those where it scores highest:
// common words would otherwise cost a query more than the whole budget.
//
// Building never holds every posting: a document is encoded already split into groups
// by the hash of each term, so Add copies each group to its partition's buffer, which
// spills to a temporary file, and Finish reads back one partition at a time (a 64th of
// the index), places its postings by term, and writes its shards. The format is described for
// the script's authors in the README's Search section.
package search

// Version changes whenever the index format or how text becomes terms changes.
const Version = 2

// Limits of the index.
const (
	MaxPostings = 3000 // postings a word or phrase term keeps
	PhraseWords = 120  // words at the start of the body that phrases are indexed over
	maxKeyBytes = 40   // longer words are not indexed
	fragSize    = 8    // documents per fragment file
	splitAt     = 2000 // keys a dictionary file may hold before it splits by a longer prefix
	maxFacets   = 200  // topics and authors the filter lists offer
)

// Field weights, for the weighted frequency of a term in a document. BM25 saturates
// with frequency, so a word repeated in a long body would score as high as one in the
// headline: a posting also says whether the term is in the headline, which adds
// HeadlineBonus to its score whatever its frequency.
const (
	weightHeadline = 3
	weightDek      = 2
	weightTerms    = 2
	weightBody     = 1

	inHeadline    = 1 << 20 // marks a weight, in analysis, as the headline's
	headlineBit   = 0x80    // of a posting's weight byte
	HeadlineBonus = 1.0
)
