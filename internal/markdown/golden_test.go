package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the output.html section of every golden file")

// A golden file is a txtar archive: a comment saying what it shows, then
//
//	-- options --    optional, one per line: "unsafe", "reserved ID…", "size SRC W H"
//	-- dateline --   optional, the Document.Dateline (trimmed)
//	-- input.md --
//	-- output.html --
type golden struct {
	opts     Options
	doc      Document
	input    []byte
	output   []byte
	archive  *txtar.Archive
	hasInput bool
}

func readGolden(t testing.TB, file string) golden {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	g := golden{archive: ar}
	sizes := map[string][2]int{}
	for _, f := range ar.Files {
		switch f.Name {
		case "input.md":
			g.input, g.hasInput = f.Data, true
		case "output.html":
			g.output = f.Data
		case "dateline":
			g.doc.Dateline = strings.TrimSpace(string(f.Data))
		case "options":
			parseOptions(t, file, f.Data, &g.opts, sizes)
		default:
			t.Fatalf("%s: unknown section %q", file, f.Name)
		}
	}
	if !g.hasInput {
		t.Fatalf("%s: no input.md section", file)
	}
	if len(sizes) > 0 {
		g.doc.ImageSize = func(src string) (int, int, bool) {
			s, ok := sizes[src]
			return s[0], s[1], ok
		}
	}
	return g
}

func parseOptions(t testing.TB, file string, data []byte, opts *Options, sizes map[string][2]int) {
	t.Helper()
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case f[0] == "unsafe" && len(f) == 1:
			opts.Unsafe = true
		case f[0] == "reserved":
			opts.ReservedIDs = append(opts.ReservedIDs, f[1:]...)
		case f[0] == "size" && len(f) >= 4:
			w, errW := strconv.Atoi(f[len(f)-2])
			h, errH := strconv.Atoi(f[len(f)-1])
			if errW != nil || errH != nil {
				t.Fatalf("%s: bad size line %q", file, line)
			}
			sizes[strings.Join(f[1:len(f)-2], " ")] = [2]int{w, h}
		default:
			t.Fatalf("%s: unknown option line %q", file, line)
		}
	}
}

func goldenFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files (%v)", err)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			g := readGolden(t, file)
			res, err := New(g.opts).Convert(g.input, g.doc)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				writeGolden(t, file, g.archive, res.HTML)
				return
			}
			if !bytes.Equal(res.HTML, g.output) {
				t.Errorf("%s: output differs (go test -run TestGolden -update rewrites it)\n--- got\n%s\n--- want\n%s", file, res.HTML, g.output)
			}
		})
	}
}

func writeGolden(t *testing.T, file string, ar *txtar.Archive, html []byte) {
	t.Helper()
	var files []txtar.File
	for _, f := range ar.Files {
		if f.Name != "output.html" {
			files = append(files, f)
		}
	}
	ar.Files = append(files, txtar.File{Name: "output.html", Data: html})
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
