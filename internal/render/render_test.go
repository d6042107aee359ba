package render

import (
	"io/fs"
	"strings"
	"testing/fstest"

	"dateline/internal/config"
	"dateline/internal/theme"
	"testing"
	"time"
)

func TestTimeUsesAPStyle(t *testing.T) {
	den, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at    time.Time
		short string
		long  string
	}{
		{time.Date(2024, 9, 7, 9, 5, 0, 0, den), "Sept. 7, 2024", "Sept. 7, 2024, 9:05 a.m. MDT"},
		{time.Date(2024, 3, 5, 14, 30, 0, 0, den), "March 5, 2024", "March 5, 2024, 2:30 p.m. MST"},
		{time.Date(2023, 1, 31, 12, 0, 0, 0, den), "Jan. 31, 2023", "Jan. 31, 2023, noon MST"},
		{time.Date(2023, 7, 4, 0, 0, 0, 0, den), "July 4, 2023", "July 4, 2023, midnight MDT"},
		{time.Date(2023, 12, 24, 0, 30, 0, 0, den), "Dec. 24, 2023", "Dec. 24, 2023, 12:30 a.m. MST"},
	}
	for _, tt := range tests {
		tm := Time{tt.at}
		if got := tm.Short(); got != tt.short {
			t.Errorf("Short = %q, want %q", got, tt.short)
		}
		if got := tm.Long(); got != tt.long {
			t.Errorf("Long = %q, want %q", got, tt.long)
		}
		if got := tm.ISO(); got != tt.at.Format(time.RFC3339) {
			t.Errorf("ISO = %q", got)
		}
	}
}

func TestSigChangesOnlyForKindsThatUseTheChangedFile(t *testing.T) {
	th0, _ := theme.Load(fstest.MapFS{})
	r0, err := New(config.Default(), th0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file string
		uses func(kind string) bool
	}{
		{"partials/pager.html", func(kind string) bool { return kind == "home" || kind == "list" }},
		// The chrome is rendered once per kind, not called from the layout, and every
		// kind but the standalone alias page shows it.
		{"partials/header.html", func(kind string) bool { return kind != "alias" }},
		{"partials/sections.html", func(kind string) bool { return kind != "alias" }},
	} {
		src, _ := fs.ReadFile(th0.Templates, tt.file)
		th1, _ := theme.Load(fstest.MapFS{"templates/" + tt.file: {Data: append(src, []byte("<!-- x -->")...)}})
		r1, err := New(config.Default(), th1)
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range Kinds {
			if changed, want := r0.Sig(kind) != r1.Sig(kind), tt.uses(kind); changed != want {
				t.Errorf("%s changed, %s: sig changed = %v, want %v", tt.file, kind, changed, want)
			}
		}
	}
}

// TestChromeIsRenderedOncePerKindFromTheSiteAndKind renders pages of two kinds: each
// gets the header and footer of its kind, the home page's marked current, and a header
// that asks for more than the chrome knows fails the build, naming the file.
func TestChromeIsRenderedOncePerKindFromTheSiteAndKind(t *testing.T) {
	th, _ := theme.Load(fstest.MapFS{})
	r, err := New(config.Default(), th)
	if err != nil {
		t.Fatal(err)
	}
	site := &Site{Title: "The Ledger", Home: "/"}
	render := func(kind string) string {
		var out string
		p := &Page{Site: site, Kind: kind, Title: kind}
		if err := r.Render("404", p, func(b []byte) error { out = string(b); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	home, other := render("home"), render("list")
	if !strings.Contains(home, `aria-current="page">The Ledger`) || strings.Contains(other, `aria-current="page">The Ledger`) {
		t.Errorf("the home page's header should mark the site title current, and only it's:\nhome: %s\nlist: %s", home, other)
	}
	if strings.Count(other, "class=\"masthead\"") != 1 || strings.Count(other, "class=\"site-footer\"") != 1 {
		t.Errorf("want one header and one footer:\n%s", other)
	}

	bad, _ := theme.Load(fstest.MapFS{"templates/partials/header.html": {Data: []byte("<header>{{.Title}}</header>")}})
	r, err = New(config.Default(), bad)
	if err != nil {
		t.Fatal(err)
	}
	err = r.Render("404", &Page{Site: site, Kind: "404"}, func([]byte) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "templates/partials/header.html") || !strings.Contains(err.Error(), "Title") {
		t.Errorf("a header asking for .Title: %v", err)
	}
}

func TestTemplatesCannotReachTheEnvironmentOrPrograms(t *testing.T) {
	for _, call := range []string{`{{env "HOME"}}`, `{{exec "id"}}`, `{{readFile "/etc/passwd"}}`, `{{getenv "HOME"}}`} {
		site := fstest.MapFS{"templates/partials/footer.html": {Data: []byte("<footer>" + call + "</footer>")}}
		th, err := theme.Load(site)
		if err != nil {
			t.Fatal(err)
		}
		_, err = New(config.Default(), th)
		if err == nil || !strings.Contains(err.Error(), "not defined") || !strings.Contains(err.Error(), "templates/partials/footer.html") {
			t.Errorf("%s: %v", call, err)
		}
	}
}
