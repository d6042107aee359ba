package feed

import (
	"bytes"
	"encoding/json"
	"time"
)

// jsonFeed is a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Icon        string     `json:"icon,omitempty"`
	Language    string     `json:"language,omitempty"`
	Authors     []Person   `json:"authors"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html"`
	Summary       string   `json:"summary,omitempty"`
	Image         string   `json:"image,omitempty"`
	DatePublished string   `json:"date_published"`
	DateModified  string   `json:"date_modified"`
	Authors       []Person `json:"authors,omitempty"`
	Tags          []string `json:"tags,omitempty"`
}

// JSON writes a JSON Feed 1.1 document of entries, newest first.
func JSON(f Feed, entries []Entry) ([]byte, error) {
	jf := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.Page, FeedURL: f.Self,
		Description: f.Subtitle, Icon: f.Icon, Language: f.Language,
		Authors: []Person{{Name: f.Author}}, Items: make([]jsonItem, 0, len(entries)),
	}
	for _, e := range entries {
		item := jsonItem{
			ID: e.ID, URL: e.URL, Title: e.Title, ContentHTML: string(e.Content), Summary: e.Summary, Image: e.Image,
			DatePublished: e.Published.Format(time.RFC3339), DateModified: e.Updated.Format(time.RFC3339), Authors: e.Authors,
		}
		for _, c := range e.Categories {
			item.Tags = append(item.Tags, c.Label)
		}
		jf.Items = append(jf.Items, item)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
