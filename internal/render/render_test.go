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
	base := fstest.MapFS{}
	th0, _ := theme.Load(base)
	r0, err := New(config.Default(), th0)
	if err != nil {
		t.Fatal(err)
	}
	pager, _ := fs.ReadFile(th0.Templates, "partials/pager.html")
	site := fstest.MapFS{"templates/partials/pager.html": {Data: append(pager, []byte("<!-- x -->")...)}}
	th1, _ := theme.Load(site)
	r1, err := New(config.Default(), th1)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range Kinds {
		changed := r0.Sig(kind) != r1.Sig(kind)
		want := kind == "home" || kind == "list" // the pages with a pager
		if changed != want {
			t.Errorf("%s: sig changed = %v, want %v", kind, changed, want)
		}
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
