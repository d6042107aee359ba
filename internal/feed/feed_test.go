package feed_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/feed"
	"dateline/internal/site"
	"dateline/internal/sitetest"
)

func TestTagIDStaysTheSameWhenAnArticleIsUpdated(t *testing.T) {
	pub := time.Date(2024, 3, 5, 14, 30, 0, 0, time.FixedZone("MST", -7*3600))
	id := feed.TagID("https://news.example.org/archive/2024/03/05/water-vote/", pub)
	if id != "tag:news.example.org,2024-03-05:/archive/2024/03/05/water-vote/" {
		t.Errorf("TagID = %s", id)
	}
	e := feed.Entry{ID: id, Published: pub, Updated: pub.Add(48 * time.Hour), Title: "t", URL: "u"}
	x, err := feed.EntryXML(e)
	if err != nil || !strings.Contains(string(x), "<id>"+id+"</id>") || !strings.Contains(string(x), "<updated>2024-03-07T14:30:00-07:00</updated>") {
		t.Errorf("entry = %s, %v", x, err)
	}
}

func TestAbsolutizeResolvesEveryURLAgainstThePage(t *testing.T) {
	in := `<p><a href="../other/">o</a> <img src="photo.jpg" alt=""> <a href="#fn:1">1</a> <a href="/topics/water/">w</a> <a href="https://x.org/a?b=1&amp;c=2">x</a> <img src="my%20pic.png" alt=""></p>`
	got := string(feed.Absolutize([]byte(in), "https://news.example.org/2024/03/05/vote/"))
	for _, want := range []string{
		`href="https://news.example.org/2024/03/05/other/"`, `src="https://news.example.org/2024/03/05/vote/photo.jpg"`,
		`href="https://news.example.org/2024/03/05/vote/#fn:1"`, `href="https://news.example.org/topics/water/"`,
		`href="https://x.org/a?b=1&amp;c=2"`, `src="https://news.example.org/2024/03/05/vote/my%20pic.png"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s in\n%s", want, got)
		}
	}
}

// exampleFeeds builds the example archive and writes its Atom feeds into a folder.
func exampleFeeds(t *testing.T) (dir string, feeds []string, r *sitetest.Result) {
	t.Helper()
	r = sitetest.BuildFS(t, site.Options{FS: os.DirFS("../.."), Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}).OK(t)
	dir = t.TempDir()
	for name, data := range r.Files {
		if strings.HasSuffix(name, "feed.xml") {
			p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			feeds = append(feeds, p)
		}
	}
	return dir, feeds, r
}

func TestEveryAtomFeedValidatesAgainstRFC4287(t *testing.T) {
	dir, feeds, _ := exampleFeeds(t)
	if len(feeds) < 50 {
		t.Fatalf("only %d feeds", len(feeds))
	}
	if out, err := sitetest.Validate(t, sitetest.Atom, feeds...); err != nil {
		t.Fatalf("feeds do not validate: %v\n%s", err, out)
	}
	// The validator is really checking: a feed without its id is refused.
	broken := filepath.Join(dir, "broken.xml")
	data, _ := os.ReadFile(feeds[0])
	start, end := strings.Index(string(data), "<id>"), strings.Index(string(data), "</id>")+len("</id>")
	os.WriteFile(broken, append(data[:start:start], data[end:]...), 0o644)
	if _, err := sitetest.Validate(t, sitetest.Atom, broken); err == nil {
		t.Fatal("jing accepted a feed without atom:id")
	}
}

type atomFeed struct {
	Updated string `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Content string `xml:"content"`
		Links   []struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestFeedsHoldTheLatestTwentyWithFullAbsoluteContent(t *testing.T) {
	_, _, r := exampleFeeds(t)
	var f atomFeed
	if err := xml.Unmarshal(r.Files["feed.xml"], &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != feed.Limit {
		t.Fatalf("%d entries", len(f.Entries))
	}
	var water atomFeed
	xml.Unmarshal(r.Files["topics/water/feed.xml"], &water)
	if len(water.Entries) != feed.Limit {
		t.Errorf("water feed has %d entries", len(water.Entries))
	}
	for _, e := range append(f.Entries, water.Entries...) {
		if !strings.HasPrefix(e.ID, "tag:ledger.example.org,") || !strings.HasPrefix(e.Links[0].Href, "https://ledger.example.org/") {
			t.Errorf("entry id %s link %s", e.ID, e.Links[0].Href)
		}
		if len(e.Content) < 200 || strings.Contains(e.Content, `src="`) && !strings.Contains(e.Content, `src="https://`) {
			t.Errorf("entry %s content is short or has relative images", e.ID)
		}
		for _, rel := range []string{`href="/`, `href="#`, `src="/`} {
			if strings.Contains(e.Content, rel) {
				t.Errorf("entry %s content has a relative URL %s", e.ID, rel)
			}
		}
	}
	// The showcase article was updated: its entry's updated is its updated, not its date.
	for _, e := range water.Entries {
		if strings.Contains(e.Links[0].Href, "running-dry-five-week-river") && e.Updated != "2025-09-20T10:30:00-06:00" {
			t.Errorf("updated = %s", e.Updated)
		}
	}
}

func TestJSONFeedIsVersion11(t *testing.T) {
	_, _, r := exampleFeeds(t)
	var jf struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ID          string `json:"id"`
			ContentHTML string `json:"content_html"`
			Date        string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(r.Files["feed.json"], &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Version != "https://jsonfeed.org/version/1.1" || jf.FeedURL != "https://ledger.example.org/feed.json" || len(jf.Items) != feed.Limit {
		t.Errorf("feed = %s %s %d", jf.Version, jf.FeedURL, len(jf.Items))
	}
	for _, it := range jf.Items {
		if it.ContentHTML == "" || it.ID == "" || it.Date == "" {
			t.Errorf("item %+v incomplete", it.ID)
		}
	}
}
