package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/slug"
)

// frontMatter is the front matter "dateline new" writes, in the order an editor fills it.
type frontMatter struct {
	Title         string   `yaml:"title"`
	Date          string   `yaml:"date"`
	Dek           string   `yaml:"dek"`
	Authors       []string `yaml:"authors,flow"`
	Dateline      string   `yaml:"dateline"`
	Topics        []string `yaml:"topics,flow"`
	People        []string `yaml:"people,flow"`
	Places        []string `yaml:"places,flow"`
	Organizations []string `yaml:"organizations,flow"`
}

func runNew(_ context.Context, e *env, args []string) error {
	fs := e.flags("new")
	source := fs.String("source", ".", "the site `folder`, holding content/")
	pos, err := parse(fs, args, 1, 1)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(pos[0])
	s := slug.Make(title)
	if s == "" {
		return &usageError{fmt.Sprintf("new: %q makes no slug for a file name; give a headline with Latin letters or digits", title)}
	}
	cfg, _, err := config.Load(os.DirFS(*source))
	if err != nil {
		return err
	}
	now := time.Now().In(cfg.Location).Truncate(time.Minute)
	rel := filepath.Join(content.ContentDir, now.Format("2006"), s+".md")
	file := filepath.Join(*source, rel)
	data, err := newArticle(title, now)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; hint: choose another headline, or edit that file", filepath.ToSlash(rel))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s\n", filepath.ToSlash(rel))
	return nil
}

// newArticle returns the text of a new article: front matter with every field an editor
// usually fills, then a first paragraph to replace.
func newArticle(title string, now time.Time) ([]byte, error) {
	fm, err := yaml.Marshal(frontMatter{
		Title: title, Date: now.Format(time.RFC3339),
		Authors: []string{}, Topics: []string{}, People: []string{}, Places: []string{}, Organizations: []string{},
	})
	if err != nil {
		return nil, err
	}
	return []byte("---\n" + string(fm) + "---\n\nThe first paragraph is the summary on the front page and in feeds.\n"), nil
}
