package cli_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cespare/xxhash/v2"
)

// snapshot maps every file of a folder to a hash of its bytes.
func snapshot(t *testing.T, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = xxhash.Sum64(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func same(a, b map[string]uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// writeVersion writes the articles of one version of a site.
func writeVersion(t *testing.T, dir, version string, n int) {
	t.Helper()
	for i := range n {
		p := filepath.Join(dir, "content", fmt.Sprintf("%03d", i/100), fmt.Sprintf("a%03d.md", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		body := strings.Repeat(fmt.Sprintf("Version %s of story %d, with words enough to take a moment to build. ", version, i), 40)
		text := fmt.Sprintf("---\ntitle: %s %d\ndate: 2024-01-%02d\ntopics: [Topic %d]\n---\n%s\n", version, i, 1+i%28, i%9, body)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledBuildLeavesTheOldSiteOrTheNew kills dateline build at many moments and
// checks that the output folder is always, whole, either the site before the build or
// the site after it, and that the next build clears what the killed ones left.
func TestKilledBuildLeavesTheOldSiteOrTheNew(t *testing.T) {
	bin, err := exec.LookPath("dateline") // the test binary, installed by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	build := func() *exec.Cmd { return exec.Command(bin, "build", "--source", src, "--dest", dest) }
	const n = 300
	versions := map[string]map[string]uint64{}
	var took time.Duration
	for _, v := range []string{"A", "B"} {
		writeVersion(t, src, v, n)
		start := time.Now()
		if out, err := build().CombinedOutput(); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		took = max(took, time.Since(start))
		versions[v] = snapshot(t, dest)
	}
	current, midway, written := "B", 0, "B"
	r := rand.New(rand.NewPCG(1, 1))
	for i := range 15 {
		next := map[string]string{"A": "B", "B": "A"}[current]
		writeVersion(t, src, next, n)
		written = next
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := snapshot(t, dest)
		switch {
		case same(got, versions[current]):
			midway++ // killed before the swap
		case same(got, versions[next]):
			current = next
		default:
			t.Fatalf("kill %d: the output folder is neither the old site nor the new one (%d files)", i, len(got))
		}
	}
	left, _ := filepath.Glob(filepath.Join(src, ".public.dateline-*"))
	t.Logf("%d of 15 kills before the swap; %d trees of killed builds left for the next build", midway, len(left))
	if midway < 3 {
		t.Errorf("only %d of 15 kills landed before the swap; the test is not killing builds midway", midway)
	}
	// The builds after the kills make the right site, whatever state the killed ones
	// left the spare tree in, and leave no other tree behind.
	for _, v := range []string{written, map[string]string{"A": "B", "B": "A"}[written], written} {
		writeVersion(t, src, v, n)
		if out, err := build().CombinedOutput(); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if !same(snapshot(t, dest), versions[v]) {
			t.Fatalf("after the kills, a build of version %s made another site", v)
		}
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.dateline-") && e.Name() != ".public.dateline-spare" {
			t.Errorf("a killed build's %s is still there after a good build", e.Name())
		}
	}
}
