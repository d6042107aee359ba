package render

import (
	"bytes"
	"encoding/json"
	"html/template"
)

// newsArticle is the schema.org NewsArticle of an article page, for search engines.
type newsArticle struct {
	Context       string       `json:"@context"`
	Type          string       `json:"@type"`
	Headline      string       `json:"headline"`
	Description   string       `json:"description,omitempty"`
	URL           string       `json:"url"`
	MainEntity    string       `json:"mainEntityOfPage"`
	DatePublished string       `json:"datePublished"`
	DateModified  string       `json:"dateModified"`
	Author        []person     `json:"author,omitempty"`
	Image         []string     `json:"image,omitempty"`
	Publisher     organization `json:"publisher"`
	Keywords      []string     `json:"keywords,omitempty"`
	Dateline      string       `json:"dateline,omitempty"`
	Correction    []correction `json:"correction,omitempty"`
	IsBasedOn     string       `json:"isBasedOn,omitempty"`
	InLanguage    string       `json:"inLanguage,omitempty"`
}

type person struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type correction struct {
	Type          string `json:"@type"`
	Text          string `json:"text"`
	DatePublished string `json:"datePublished"`
}

// jsonLD encodes an article's NewsArticle. encoding/json escapes <, > and & (and U+2028,
// U+2029), so no title can close the <script> element it is printed in.
func (v *Views) jsonLD(a *Article) template.JS {
	base := v.cfg.Base
	na := newsArticle{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Title, Description: description(a),
		URL: a.Permalink, MainEntity: a.Permalink,
		DatePublished: a.Date.ISO(), DateModified: a.Date.ISO(),
		Publisher:  organization{"NewsMediaOrganization", v.cfg.Title, base.Abs("/")},
		Dateline:   a.Dateline,
		InLanguage: v.cfg.Language,
	}
	if a.Updated != nil {
		na.DateModified = a.Updated.ISO()
	}
	for _, r := range a.Authors {
		na.Author = append(na.Author, person{"Person", r.Name, base.Abs(AuthorPath(r.Name))})
	}
	if a.Image != nil {
		na.Image = []string{a.Image.AbsURL}
	}
	for _, g := range a.Terms {
		for _, t := range g.Terms {
			na.Keywords = append(na.Keywords, t.Name)
		}
	}
	for _, c := range a.Corrections {
		na.Correction = append(na.Correction, correction{"CorrectionComment", c.Text, c.Date.ISO()})
	}
	if a.Source != nil {
		na.IsBasedOn = a.Source.URL
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(na); err != nil {
		panic(err) // the struct holds only strings and cannot fail to encode
	}
	return template.JS(bytes.TrimSpace(buf.Bytes()))
}

// description is the article's dek, or its summary when it has none.
func description(a *Article) string {
	if a.Dek != "" {
		return a.Dek
	}
	return a.Summary
}
