package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func art(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2020-01-01\n---\nBody.\n")}
}

// same checks that two sets hold the same articles and files.
func same(t *testing.T, got, want *Set) {
	t.Helper()
	var g, w []string
	for _, a := range got.Articles {
		g = append(g, a.Path+"="+a.Title)
	}
	for _, a := range want.Articles {
		w = append(w, a.Path+"="+a.Title)
	}
	if strings.Join(g, " ") != strings.Join(w, " ") {
		t.Errorf("articles\n got %v\nwant %v", g, w)
	}
	if len(got.files) != len(want.files) || len(got.bundles) != len(want.bundles) {
		t.Errorf("files %v bundles %v, want %v %v", got.files, got.bundles, want.files, want.bundles)
	}
}

func TestApplyEqualsAFreshLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": art("A"), "content/b.md": art("B"),
		"content/x/index.md": art("X"), "content/x/photo.png": {Data: []byte("p")},
		"content/old/one.md": art("One"), "content/old/two.md": art("Two"),
	}
	ctx, cfg, opts := context.Background(), testConfig(t), Options{Now: time.Now()}
	s, err := Load(ctx, cfg, fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		change func()
		paths  []string
		want   string // the changed paths
	}{
		{func() { fsys["content/a.md"] = art("A2") }, []string{"content/a.md"}, "content/a.md"},
		{func() { delete(fsys, "content/b.md") }, []string{"content/b.md"}, "content/b.md"},
		{func() { fsys["content/x/chart.png"] = &fstest.MapFile{Data: []byte("c")} }, []string{"content/x/chart.png"}, "content/x/chart.png"},
		{func() { delete(fsys, "content/old/one.md"); delete(fsys, "content/old/two.md") }, []string{"content/old"}, "content/old/one.md content/old/two.md"},
		{func() { fsys["content/new/n.md"] = art("N"); fsys["content/new/m.md"] = art("M") }, []string{"content/new"}, "content/new/m.md content/new/n.md"},
		{func() { fsys["content/_drafts/d.md"] = art("D"); fsys["content/.a.md.swp"] = art("S") }, []string{"content/_drafts/d.md", "content/.a.md.swp"}, ""},
		{func() {}, []string{"dateline.toml", "static/site.css"}, ""},
	}
	for i, step := range steps {
		step.change()
		next, changed, err := s.Apply(ctx, step.paths)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := strings.Join(changed, " "); got != step.want {
			t.Errorf("step %d: changed %q, want %q", i, got, step.want)
		}
		fresh, err := Load(ctx, cfg, fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		same(t, next, fresh)
		s = next
	}
}

func TestApplyKeepsAnErrorUntilTheFileIsFixed(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": art("A"), "content/b.md": art("B")}
	ctx, cfg, opts := context.Background(), testConfig(t), Options{Now: time.Now()}
	s, _ := Load(ctx, cfg, fsys, opts)
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\ndate: 2020-13-45\n---\n")}
	broken, _, err := s.Apply(ctx, []string{"content/a.md"})
	if err == nil || !strings.Contains(err.Error(), "content/a.md:3:7") {
		t.Fatalf("err = %v", err)
	}
	fsys["content/b.md"] = art("B2")
	still, _, err := broken.Apply(ctx, []string{"content/b.md"})
	if err == nil {
		t.Fatal("the error of a.md vanished when b.md changed")
	}
	fsys["content/a.md"] = art("A fixed")
	fixed, _, err := still.Apply(ctx, []string{"content/a.md"})
	if err != nil || len(fixed.Articles) != 2 || fixed.Articles[0].Title != "A fixed" || fixed.Articles[1].Title != "B2" {
		t.Fatalf("after the fix: %v %v", err, fixed.Articles)
	}
	if len(s.Articles) != 2 || s.Articles[0].Title != "A" {
		t.Error("Apply changed the set it was called on")
	}
}
