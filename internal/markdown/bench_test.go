package markdown

import (
	"path/filepath"
	"testing"
)

// BenchmarkConvert converts a realistic news article of about 1,000 words with a figure,
// quotes, a table, a list and footnotes (testdata/golden/article.txtar).
func BenchmarkConvert(b *testing.B) {
	g := readGolden(b, filepath.Join("testdata", "golden", "article.txtar"))
	c := New(g.opts)
	b.SetBytes(int64(len(g.input)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(g.input, g.doc); err != nil {
			b.Fatal(err)
		}
	}
}
