package wxr

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readExport(t *testing.T, loc *time.Location) *Export {
	t.Helper()
	f, err := os.Open("testdata/export.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exp, err := Read(f, loc)
	if err != nil {
		t.Fatal(err)
	}
	return exp
}

func TestReadKeepsTheChannelAndItsAuthors(t *testing.T) {
	exp := readExport(t, nil)
	if exp.Title != "The Basin Courier" || exp.Link != "https://courier.example.com" ||
		exp.Description != "News & weather of the basin" || exp.Language != "en-US" ||
		exp.BaseSiteURL != "https://courier.example.com" {
		t.Errorf("channel: %+v", exp)
	}
	want := []Author{
		{Login: "mlopez", Email: "m@courier.example.com", DisplayName: "Marta López", FirstName: "Marta", LastName: "López"},
		{Login: "deskeditor", Email: "desk@courier.example.com", DisplayName: "Desk"},
	}
	if !reflect.DeepEqual(exp.Authors, want) {
		t.Errorf("authors %+v", exp.Authors)
	}
	if len(exp.Items) != 6 {
		t.Fatalf("%d items, want 6", len(exp.Items))
	}
	for i, line := range []int{38, 64, 122, 148, 161, 173} {
		if exp.Items[i].Line != line {
			t.Errorf("item %d at line %d, want %d", i, exp.Items[i].Line, line)
		}
	}
}

func TestReadGivesEachItemItsFields(t *testing.T) {
	exp := readExport(t, nil)
	att, post := exp.Items[0], exp.Items[1]
	if att.Type != "attachment" || att.ID != 7 || att.Parent != 12 || att.Status != "inherit" ||
		att.AttachmentURL != "https://courier.example.com/wp-content/uploads/2024/03/dam.jpg" {
		t.Errorf("attachment %+v", att)
	}
	if post.Type != "post" || post.ID != 12 || post.Name != "water-board-cuts" || post.Creator != "mlopez" ||
		post.Status != "publish" || !post.Sticky || post.Protected || post.Excerpt != "The board cut water for farms." ||
		post.Link != "https://courier.example.com/2024/03/05/water-board-cuts/" {
		t.Errorf("post %+v", post)
	}
	if !strings.HasPrefix(post.Content, "<!-- wp:paragraph -->\n<p>The board voted") || strings.Contains(post.Content, "Good story") {
		t.Errorf("content %q", post.Content)
	}
	if post.Meta["_thumbnail_id"] != "7" {
		t.Errorf("meta %v: the first of a repeated key wins", post.Meta)
	}
	terms := []Term{{"category", "water", "Water"}, {"post_tag", "farms", "Farms"}}
	if !reflect.DeepEqual(post.Terms, terms) {
		t.Errorf("terms %+v", post.Terms)
	}
	if !exp.Items[4].Protected || exp.Items[4].Type != "page" || exp.Items[5].Type != "nav_menu_item" {
		t.Errorf("page or menu item: %+v %+v", exp.Items[4], exp.Items[5])
	}
}

func TestReadDatesAreUTCWhenGivenAndLocalWhenNot(t *testing.T) {
	denver, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Skip(err)
	}
	exp := readExport(t, denver)
	post, draft := exp.Items[1], exp.Items[3]
	if !post.Date.Equal(time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)) || post.Date.Location() != denver ||
		post.DateLocal != "2024-03-05 07:30:00" {
		t.Errorf("post date %v (%q)", post.Date, post.DateLocal)
	}
	if !draft.Date.Equal(time.Date(2024, 3, 6, 9, 0, 0, 0, denver)) {
		t.Errorf("a draft's date, with no GMT, is its local one: %v", draft.Date)
	}
}

func TestReadRepairsWhatWordPressLeavesInText(t *testing.T) {
	exp := readExport(t, nil)
	classic := exp.Items[2]
	if classic.Title != "Rain & snow in the [classic] editor" {
		t.Errorf("title %q", classic.Title)
	}
	if strings.ContainsRune(classic.Content, '\f') || exp.Repaired != 1 {
		t.Errorf("the form feed: repaired %d, content %q", exp.Repaired, classic.Content)
	}
	if !strings.HasSuffix(classic.Content, "A CDATA end ]]> inside the text.") {
		t.Errorf("split CDATA: %q", classic.Content)
	}
	terms := []Term{{"post_tag", "weather", "Weather"}, {"category", "", "Old news"}}
	if !reflect.DeepEqual(classic.Terms, terms) {
		t.Errorf("WXR 1.0 terms %+v", classic.Terms)
	}
}

func TestReadNamesTheLineOfBrokenXML(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
	}{
		{"unclosed", "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n<item><title>x</item>\n", 4},
		{"a feed", "<?xml version=\"1.0\"?>\n<rss><channel><title>Blog</title></channel></rss>\n", 2},
		{"not rss", "<html>\n</html>", 1},
	} {
		_, err := Read(strings.NewReader(c.src), nil)
		var e *Error
		if !errors.As(err, &e) || e.Line != c.line {
			t.Errorf("%s: %v, want an error at line %d", c.name, err, c.line)
		}
	}
}
