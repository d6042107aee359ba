package archive

import (
	"strings"
	"testing"
	"time"

	"dateline/internal/config"
	"dateline/internal/content"
)

func art(path, slug string, day int, aliases ...string) *content.Article {
	return &content.Article{
		Path: path, Slug: slug, Date: time.Date(2024, 1, day, 12, 0, 0, 0, time.UTC),
		URL: "/" + path + "/", Aliases: aliases,
	}
}

func TestBuildOrdersNewestFirstTiesBySlug(t *testing.T) {
	a, err := Build(config.Default(), []*content.Article{
		art("x", "beta", 1), art("y", "alpha", 1), art("z", "gamma", 3), art("w", "delta", 2),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range a.Articles {
		got = append(got, x.Slug)
	}
	if strings.Join(got, " ") != "gamma delta alpha beta" {
		t.Errorf("order = %v", got)
	}
}

func TestBuildNamesBothFilesOfAURLClash(t *testing.T) {
	one, two := art("a", "a", 1), art("b", "b", 2)
	two.URL = one.URL
	three := art("c", "c", 3, "/a/")
	_, err := Build(config.Default(), []*content.Article{one, two, three})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"a:1:1: URL /a/ is also written by b", "c:1:1: URL /a/ is also written by b"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}
