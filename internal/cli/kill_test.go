package cli_test

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

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

// killAt is the environment variable that makes the test binary's dateline kill itself
// at a step of its output folder: "write:150" is just before the 150th file written.
const killAt = "DATELINE_TEST_KILL_AT"

// killHook returns the output step hook for killAt's value, or nil without one.
func killHook() func(string) {
	at, nth, ok := strings.Cut(os.Getenv(killAt), ":")
	n, err := strconv.Atoi(nth)
	if !ok || err != nil {
		return nil
	}
	var seen atomic.Int64
	return func(step string) {
		if step == at && seen.Add(1) == int64(n) {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way; nothing more may happen
		}
	}
}

// TestKilledBuildLeavesTheOldSiteOrTheNew kills dateline build, warm and cold, at chosen
// steps of its output folder (no timing: the build kills itself there, see killHook) and
// checks that the output folder is always, whole, the site before the build when the kill
// came before the swap and the site after it when it came after, and that the next build
// clears what the killed ones left.
func TestKilledBuildLeavesTheOldSiteOrTheNew(t *testing.T) {
	bin, err := exec.LookPath("dateline") // the test binary, installed by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	build := func(kill string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "--source", src, "--dest", dest)
		cmd.Env = append(os.Environ(), killAt+"="+kill)
		return cmd
	}
	const n = 300 // every version changes every article, so each build writes at least n files
	versions := map[string]map[string]uint64{}
	for _, v := range []string{"A", "B"} {
		writeVersion(t, src, v, n)
		if out, err := build("").CombinedOutput(); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		versions[v] = snapshot(t, dest)
	}
	kills := []struct {
		at    string
		cold  bool // the build store deleted first
		after bool // the kill comes after the swap: the new site is in place
	}{
		{"write:1", false, false}, {"write:1", true, false},
		{"write:150", false, false}, {"write:150", true, false},
		{"write:300", false, false}, {"write:300", true, false},
		{"swap:1", false, false}, {"swap:1", true, false},
		{"swapped:1", false, true}, {"swapped:1", true, true},
		{"spare:1", false, true}, {"spare:1", true, true},
		{"spare-link:1", true, true}, {"spare-link:200", true, true},
		{"write:2", false, false},
	}
	current, written := "B", "B"
	for i, k := range kills {
		next := map[string]string{"A": "B", "B": "A"}[current]
		writeVersion(t, src, next, n)
		written = next
		if k.cold {
			os.RemoveAll(filepath.Join(src, ".dateline-cache"))
		}
		out, err := build(k.at).CombinedOutput()
		if err == nil {
			t.Fatalf("kill %d at %s: the build was not killed:\n%s", i, k.at, out)
		}
		got, want := snapshot(t, dest), versions[current]
		if k.after {
			want = versions[next]
		}
		if !same(got, want) {
			t.Fatalf("kill %d at %s (cold %v): the output folder is not the site it should be (%d files)", i, k.at, k.cold, len(got))
		}
		if k.after {
			current = next
		}
	}
	// The builds after the kills make the right site, whatever state the killed ones
	// left the spare tree in, and leave no other tree behind.
	for _, v := range []string{written, map[string]string{"A": "B", "B": "A"}[written], written} {
		writeVersion(t, src, v, n)
		if out, err := build("").CombinedOutput(); err != nil {
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
