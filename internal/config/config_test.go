package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadWithoutFileGivesDefaults(t *testing.T) {
	cfg, warns, err := Load(fstest.MapFS{})
	if err != nil || len(warns) != 0 {
		t.Fatalf("Load: %v %v", err, warns)
	}
	if cfg.Paginate != 20 || cfg.Location.String() != "UTC" || len(cfg.Taxonomies) != 4 {
		t.Errorf("defaults: %+v", cfg)
	}
}

func TestParseReadsEveryKey(t *testing.T) {
	cfg, warns, err := Parse([]byte(`title = "The Example Ledger"
baseURL = "https://example.org/archive/"
language = "es"
timezone = "America/Denver"
paginate = 7

[permalinks]
article = "/news/:year/:slug/"

[markdown]
unsafe = true
`))
	if err != nil || len(warns) != 0 {
		t.Fatalf("Parse: %v %v", err, warns)
	}
	if cfg.Title != "The Example Ledger" || cfg.Language != "es" || cfg.Paginate != 7 || !cfg.Markdown.Unsafe {
		t.Errorf("cfg = %+v", cfg)
	}
	if cfg.Location.String() != "America/Denver" || cfg.Base.Rel("/") != "/archive/" {
		t.Errorf("derived: %v %q", cfg.Location, cfg.Base.Rel("/"))
	}
}

func TestParseWarnsOfUnknownKeyWithLine(t *testing.T) {
	_, warns, err := Parse([]byte("title = \"x\"\ntitel = \"y\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "dateline.toml:2:") || !strings.Contains(warns[0].Error(), `did you mean "title"`) {
		t.Fatalf("warnings = %v", warns)
	}
}

func TestParseReportsBadValuesOnTheirLine(t *testing.T) {
	_, _, err := Parse([]byte("title = \"x\"\ntimezone = \"Mars/Olympus\"\npaginate = 0\n[permalinks]\narticle = \"/:year/\"\n"))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"dateline.toml:2:1: timezone", "dateline.toml:3:1: paginate", "dateline.toml:5:1: permalink"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	_, _, err = Parse([]byte("title = \n"))
	if err == nil || !strings.HasPrefix(err.Error(), "dateline.toml:1:") {
		t.Errorf("syntax error = %v", err)
	}
}

func TestSiteTaxonomiesAddToTheDefaults(t *testing.T) {
	cfg, _, err := Parse([]byte(`[[taxonomies]]
name = "series"

[[taxonomies]]
name = "topics"
title = "Subjects"
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tx := range cfg.Taxonomies {
		got = append(got, tx.Name+":"+tx.Title)
	}
	if strings.Join(got, " ") != "topics:Subjects people:People places:Places organizations:Organizations series:Series" {
		t.Errorf("taxonomies = %v", got)
	}
	for _, bad := range []string{"authors", "Series", "../x", "title"} {
		if _, _, err := Parse([]byte("[[taxonomies]]\nname = \"" + bad + "\"\n")); err == nil {
			t.Errorf("taxonomy %q accepted", bad)
		}
	}
}
