package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// starter is the configuration "dateline init" writes: every key, with its default.
const starter = `# dateline.toml: every key is optional; these are the defaults but for title and baseURL.
%s
baseURL = "https://example.org/"
language = "en"
timezone = "UTC"     # an IANA name such as "America/Denver"; dates without a zone are in it
paginate = 20

[permalinks]
article = "/:year/:month/:day/:slug/"

[markdown]
unsafe = false       # true lets raw HTML in articles through
`

func runInit(_ context.Context, e *env, args []string) error {
	fs := e.flags("init")
	pos, err := parse(fs, args, 1, 1)
	if err != nil {
		return err
	}
	dir := pos[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; hint: give dateline init a new or empty folder", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Minute)
	welcome, err := newArticle("Welcome to your news archive", now)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"dateline.toml": []byte(fmt.Sprintf(starter, tomlKey("title", filepath.Base(abs)))),
		".gitignore":    []byte("/public/\n/.dateline-cache/\n/.public.dateline-*/\n"),
		filepath.Join("content", now.Format("2006"), "welcome-to-your-news-archive.md"): welcome,
		filepath.Join("templates", ".keep"):                                             nil,
		filepath.Join("static", ".keep"):                                                nil,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Created a site in %s\nNext: cd %s && dateline serve\n", dir, dir)
	return nil
}

// tomlKey writes key = "value" with the value quoted as TOML requires.
func tomlKey(key, value string) string {
	b, err := toml.Marshal(map[string]string{key: value})
	if err != nil {
		return key + ` = "News archive"`
	}
	return strings.TrimSpace(string(b))
}
