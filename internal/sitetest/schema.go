package sitetest

import (
	"embed"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The schemas files are validated against: RFC 4287's for Atom, and one for sitemaps.
//
//go:embed schemas
var schemas embed.FS

// Schema names a schema of the schemas folder.
type Schema string

const (
	Atom    Schema = "atom.rnc"
	Sitemap Schema = "sitemap.rnc"
)

// Validate checks files against a schema with jing, a RELAX NG validator, and returns its
// complaints, one per line, and its error. Without jing the test is skipped (see Missing).
func Validate(t testing.TB, schema Schema, files ...string) (string, error) {
	t.Helper()
	jing, err := exec.LookPath("jing")
	if err != nil {
		Missing(t, "jing (a RELAX NG validator)", "apt-get install -y jing")
	}
	data, err := schemas.ReadFile("schemas/" + string(schema))
	if err != nil {
		t.Fatal(err)
	}
	rnc := filepath.Join(t.TempDir(), string(schema))
	if err := os.WriteFile(rnc, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(jing, append([]string{"-c", rnc}, files...)...).CombinedOutput()
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" && !strings.Contains(l, "[warning]") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n"), err
}
