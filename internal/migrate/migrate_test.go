package migrate

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// hidden matches the comment lines that keep what was not translated in sight of editors.
var hidden = regexp.MustCompile(`(?m)^\[//\]: # \(dateline: .*\)$`)

// unpack writes a txtar fixture into a new folder and returns it.
func unpack(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func wantIn(t *testing.T, file, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", file, w, text)
		}
	}
}

func TestJekyllPostsComeInWithDatelineFieldsAndOldURLs(t *testing.T) {
	src, into := unpack(t, "jekyll.txtar"), t.TempDir()
	r, err := Jekyll(src, into, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 5 || r.Drafts != 1 || r.Files != 1 || !r.OK() {
		t.Errorf("report %+v", r)
	}
	post := read(t, into, "content/2019/2019-01-30-river-report.md")
	wantIn(t, "river-report", post,
		"topics:\n  - Water\n  - Courts", "summary: <p>The river ran low.</p>",
		"aliases:\n  - /old/river.html\n  - /water/courts/2019/01/30/river-report/",
		"image: /assets/river.jpg", "image_alt: The river at low water",
		"https://wire.example.com/news reported", "[the follow-up](/2019/02/02/follow-up/)",
		"```ruby {linenos=table}\nputs \"flow\"\n```")
	if strings.Contains(hidden.ReplaceAllString(post, ""), "{%") || !strings.Contains(post, "layout: post") {
		t.Errorf("Liquid left, or layout dropped:\n%s", post)
	}
	follow := read(t, into, "content/2019/2019-02-02-follow-up.md")
	wantIn(t, "follow-up", follow, "[the report](/2019/01/30/river-report/)", "topics:\n  - dry", "authors:\n  - Ana Ruiz")
	wantIn(t, "about", read(t, into, "content/pages/about.md"), "title: About the Wire")
	wantIn(t, "wire", read(t, into, "content/news/2019/2019-03-04-wire.md"), "aliases:\n  - /news/2019/03/04/wire/")
	if read(t, into, "static/assets/river.jpg") != "not really a jpeg\n" {
		t.Error("the site's image was not copied to static/")
	}
	if _, err := os.Stat(filepath.Join(into, "static/_layouts")); err == nil {
		t.Error("a Jekyll layout was copied")
	}
	wantIn(t, "dateline.toml", read(t, into, "dateline.toml"), `title = "The Valley Wire"`,
		`baseURL = "https://wire.example.com/news/"`, `timezone = "America/Denver"`, "unsafe = true")
	if u := r.Unknown["include"]; u == nil || u.Count != 1 || u.First != "_posts/2019-01-30-river-report.md:17" {
		t.Errorf("unknown include: %+v", r.Unknown["include"])
	}
}

func TestASecondImportAddsOnlyWhatIsNew(t *testing.T) {
	src, into := unpack(t, "jekyll.txtar"), t.TempDir()
	if _, err := Jekyll(src, into, now); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(into, "content/2019/2019-01-30-river-report.md")
	os.WriteFile(mine, []byte("---\ntitle: Edited by hand\ndate: 2019-01-30\n---\n"), 0o644)
	os.WriteFile(filepath.Join(src, "_posts/2019-03-01-new.md"), []byte("---\ntitle: New\n---\nNew.\n"), 0o644)
	r, err := Jekyll(src, into, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 1 || r.Existing != 5 || r.Files != 0 || r.Config != "" {
		t.Errorf("second run: %+v", r)
	}
	if read(t, into, "content/2019/2019-01-30-river-report.md") != "---\ntitle: Edited by hand\ndate: 2019-01-30\n---\n" {
		t.Error("the second run overwrote an edited article")
	}
}

func TestHugoSiteComesInWithBundlesPagesAndShortcodes(t *testing.T) {
	src, into := unpack(t, "hugo.txtar"), t.TempDir()
	r, err := Hugo(src, into, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 3 || r.Drafts != 1 || r.Files != 1 || !r.OK() {
		t.Errorf("report %+v", r)
	}
	post := read(t, into, "content/posts/water-cuts.md")
	wantIn(t, "water-cuts", post, "topics:\n  - Drought\n  - Water", "slug: water-board-cuts",
		"/2024/03/water-board-cuts/", "![A dam](/img/dam.jpg", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"[the other](/2024/03/07/fire/)", "expiryDate: \"2030-01-01\"")
	if strings.Contains(hidden.ReplaceAllString(post, ""), "{{<") {
		t.Errorf("a shortcode is left as text:\n%s", post)
	}
	wantIn(t, "fire", read(t, into, "content/posts/fire/index.md"), "draft: true", "aliases:\n  - /2024/03/fire/")
	if read(t, into, "content/posts/fire/mesa.jpg") != "not really a jpeg\n" {
		t.Error("the bundle's image was not copied")
	}
	if about := read(t, into, "content/pages/about.md"); !strings.Contains(about, "title: About us") || strings.Contains(about, "aliases") {
		t.Errorf("about, at /about/ before and after, wants no alias:\n%s", about)
	}
	if _, err := os.Stat(filepath.Join(into, "content/_index.md")); err == nil {
		t.Error("a section list page was imported")
	}
	if u := r.Unknown["tabs"]; u == nil || u.First != "content/posts/water-cuts.md:15" {
		t.Errorf("unknown tabs: %+v", r.Unknown["tabs"])
	}
}

func TestHugoSiteWithLanguagesComesInFromTheDefaultLanguage(t *testing.T) {
	src, into := unpack(t, "hugo-languages.txtar"), t.TempDir()
	r, err := Hugo(src, into, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 1 || r.Files != 1 || !r.OK() {
		t.Errorf("report %+v", r)
	}
	post := read(t, into, "content/post/2024-12-05-Ending-OCSP.md")
	wantIn(t, "ending-ocsp", post, "slug: ending-ocsp")
	if strings.Contains(post, "aliases") {
		t.Errorf("the post keeps its URL, yet has an alias:\n%s", post)
	}
	wantIn(t, "dateline.toml", read(t, into, "dateline.toml"), `title = "Certificate News"`)
	if read(t, into, "static/images/root.png") != "png\n" {
		t.Error("static/ was not copied")
	}
}

func TestWordPressExportComesInWithAuthorsTermsImagesAndOldURLs(t *testing.T) {
	src, into := unpack(t, "wordpress.txtar"), t.TempDir()
	r, err := WordPress(filepath.Join(src, "export.xml"), into, filepath.Join(src, "uploads"), now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Imported != 4 || r.Drafts != 1 || r.Embargoed != 1 || r.Files != 1 || len(r.Skipped) != 1 {
		t.Errorf("report %+v", r)
	}
	if len(r.Skipped) == 1 && !strings.Contains(r.Skipped[0].Reason, "trash") {
		t.Errorf("skipped for %q, want the trash named", r.Skipped[0].Reason)
	}
	post := read(t, into, "content/2024/water-board-cuts/index.md")
	wantIn(t, "water-board-cuts", post, "title: Water board cuts allocations", "date: 2024-03-05T07:30:00-07:00",
		"authors:\n  - Marta López", "topics:\n  - Water", "tag:\n  - Farms", "summary: The board cut water for farms.",
		"image: dam.jpg", "![The dam](dam.jpg \"The dam in March\")", "https://cdn.example.net/chart.png")
	if strings.Contains(post, "<!-- wp:") || strings.Contains(post, "aliases") {
		t.Errorf("block comments left, or an alias for a URL that stays:\n%s", post)
	}
	if read(t, into, "content/2024/water-board-cuts/dam.jpg") != "not really a jpeg\n" {
		t.Error("the uploaded image was not copied beside the post")
	}
	if len(r.Remote) != 1 || r.Remote[0] != "https://cdn.example.net/chart.png" {
		t.Errorf("remote images %v", r.Remote)
	}
	wantIn(t, "draft", read(t, into, "content/2024/budget-talks.md"), "draft: true", "Talks go on.\n\nMore tomorrow.")
	wantIn(t, "page", read(t, into, "content/pages/about.md"), "type: page", "We cover the basin.")
	wantIn(t, "dateline.toml", read(t, into, "dateline.toml"), `title = "The Basin Courier"`, `name = "tag"`)
}

func TestShortcodesMappedInDatelineTomlAreTranslated(t *testing.T) {
	src, into := unpack(t, "hugo.txtar"), t.TempDir()
	toml := "title = \"Mine\"\n\n[import.shortcodes]\ntabs = \"**Tabs:** {{ arg \\\"title\\\" 0 }}\"\n"
	if err := os.WriteFile(filepath.Join(into, "dateline.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Hugo(src, into, now)
	if err != nil {
		t.Fatal(err)
	}
	if r.Config != "" || r.Unknown["tabs"] != nil {
		t.Errorf("report %+v, unknown %v", r, r.Unknown)
	}
	wantIn(t, "water-cuts", read(t, into, "content/posts/water-cuts.md"), "**Tabs:** ")
	if read(t, into, "dateline.toml") != toml {
		t.Error("the site's dateline.toml was changed")
	}
}
