package search

import (
	"encoding/json"
)

// Meta is what the site tells the index about itself, for the meta file: the filters
// the search page offers.
type Meta struct {
	Years   []Year  // oldest first
	Topics  []Facet // the most used first
	Authors []Facet
}

// Year is a year's documents, a range of ids.
type Year struct{ Year, First, Last int }

// Facet is a value a filter offers.
type Facet struct {
	Name, Slug string
	Count      int
}

func (y Year) MarshalJSON() ([]byte, error)  { return json.Marshal([3]int{y.Year, y.First, y.Last}) }
func (f Facet) MarshalJSON() ([]byte, error) { return json.Marshal([]any{f.Name, f.Slug, f.Count}) }

// metaFile is meta.z, the one file every query reads first.
type metaFile struct {
	V       int               `json:"v"`
	N       int               `json:"n"`
	AvgDL   float64           `json:"avgdl"`
	K       int               `json:"k"`
	Shards  uint32            `json:"shards"`
	Frag    int               `json:"frag"`
	Split   []string          `json:"split"`
	Stop    map[string]string `json:"stop"`
	Years   []Year            `json:"years"`
	Topics  []Facet           `json:"topics"`
	Authors []Facet           `json:"authors"`
}

func (ix *Indexer) writeMeta(m Meta, split []string, write func(string, []byte) error) error {
	avg := 0.0
	if ix.docs > 0 {
		avg = float64(int64(float64(ix.length)/float64(ix.docs)*10+0.5)) / 10
	}
	f := metaFile{V: Version, N: ix.docs, AvgDL: avg, K: MaxPostings, Shards: ix.shards, Frag: fragSize,
		Split: split, Stop: ix.an.Stopwords(), Years: m.Years, Topics: facets(m.Topics), Authors: facets(m.Authors)}
	if f.Split == nil {
		f.Split = []string{}
	}
	if f.Years == nil {
		f.Years = []Year{}
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return ix.put("meta.z", data, write)
}

// facets keeps the maxFacets most used, which the caller has put first.
func facets(fs []Facet) []Facet {
	if fs == nil {
		return []Facet{}
	}
	return fs[:min(len(fs), maxFacets)]
}
