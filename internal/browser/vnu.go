package browser

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"dateline/internal/sitetest"
)

// NuMessage is one complaint of the Nu Html Checker.
type NuMessage struct {
	Type    string `json:"type"`
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

func (m NuMessage) String() string {
	return fmt.Sprintf("%s:%d: %s: %s (%q)", filepath.Base(m.URL), m.Line, m.Type, m.Message, m.Extract)
}

// VnuJar finds the Nu Html Checker: $DATELINE_VNU, or node_modules/vnu-jar in this folder
// or a parent, as "npm install vnu-jar" at the repository root leaves it.
func VnuJar() string {
	if p := os.Getenv("DATELINE_VNU"); p != "" {
		return p
	}
	return findUp(filepath.Join("node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
}

// findUp looks for rel in the working folder and its parents.
func findUp(rel string) string {
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Validate runs the Nu Html Checker on HTML files and returns its errors.
func Validate(t testing.TB, files ...string) []NuMessage {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		sitetest.Missing(t, "Java, to run the Nu Html Checker", "apt-get install -y default-jre-headless")
	}
	jar := VnuJar()
	if jar == "" {
		sitetest.Missing(t, "the Nu Html Checker", "npm install --no-save vnu-jar (at the repository root), or set DATELINE_VNU")
	}
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)...)
	out, err := cmd.Output()
	var report struct {
		Messages []NuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v %v\n%s", err, jerr, out)
	}
	return report.Messages
}
