package theme

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSiteFilesReplaceThemeFilesOneByOne(t *testing.T) {
	base := fstest.MapFS{
		"templates/layout.html":        {Data: []byte("theme layout")},
		"templates/partials/card.html": {Data: []byte("theme card")},
		"static/css/site.css":          {Data: []byte("theme css")},
		"static/favicon.svg":           {Data: []byte("theme icon")},
	}
	site := fstest.MapFS{
		"templates/partials/card.html": {Data: []byte("site card")},
		"static/css/site.css":          {Data: []byte("site css")},
		"static/extra.txt":             {Data: []byte("site extra")},
		"static/_notes.txt":            {Data: []byte("ignored")},
	}
	th, err := LoadOver(base, site)
	if err != nil {
		t.Fatal(err)
	}
	for fsys, want := range map[fs.FS]map[string]string{
		th.Templates: {"layout.html": "theme layout", "partials/card.html": "site card"},
		th.Static:    {"css/site.css": "site css", "favicon.svg": "theme icon", "extra.txt": "site extra"},
	} {
		for name, content := range want {
			got, err := fs.ReadFile(fsys, name)
			if err != nil || string(got) != content {
				t.Errorf("%s = %q, %v; want %q", name, got, err, content)
			}
		}
	}
	files, err := Files(th.Static, func(n string) bool { return strings.HasPrefix(n, "_") })
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(files, " "); got != "css/site.css extra.txt favicon.svg" {
		t.Errorf("Files = %s", got)
	}
}

func TestDefaultThemeHasEveryPageTemplate(t *testing.T) {
	th, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"layout.html", "article.html", "home.html"} {
		if _, err := fs.Stat(th.Templates, name); err != nil {
			t.Errorf("default theme lacks templates/%s", name)
		}
	}
}

func TestThemeListsTheParamsItsTemplatesRead(t *testing.T) {
	base := fstest.MapFS{
		"templates/article.html":       {Data: []byte(`{{if .Params.series}}{{.Params.series}}{{end}}`)},
		"templates/partials/card.html": {Data: []byte(`{{index .Article.Params "hero_note"}}{{.Title}}`)},
	}
	site := fstest.MapFS{"templates/list.html": {Data: []byte(`{{with .Params.kicker_2}}{{.}}{{end}}`)}}
	th, err := LoadOver(base, site)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(th.Params, " "); got != "hero_note kicker_2 series" {
		t.Errorf("Params = %q", got)
	}
}
