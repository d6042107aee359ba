package wxr

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// FuzzRead: any input gives an Export or an error; an *Error names a line of the input.
func FuzzRead(f *testing.F) {
	if data, err := os.ReadFile("testdata/export.xml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>x</wp:post_id></item></channel></rss>"))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>\xe9</title></channel></rss>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := Read(bytes.NewReader(data), time.UTC)
		if err != nil {
			var e *Error
			if errors.As(err, &e) && (e.Line < 1 || e.Line > bytes.Count(data, []byte("\n"))+1) {
				t.Fatalf("error at line %d of a %d-line input: %v", e.Line, bytes.Count(data, []byte("\n"))+1, err)
			}
			return
		}
		if exp == nil {
			t.Fatal("no error and no export")
		}
		for _, it := range exp.Items {
			if it.Line < 1 {
				t.Fatalf("item at line %d", it.Line)
			}
		}
	})
}

// FuzzMarkdown: any HTML converts, the same way twice, every image it reports is in the
// Markdown as written, and every unknown has a name.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"<!-- wp:paragraph --><p>a <em>b</em></p><!-- /wp:paragraph -->",
		"<figure class=\"wp-block-image\"><img src=\"/a.jpg\" alt=\"x\"><figcaption>c</figcaption></figure>",
		"[caption width=\"3\"]<img src=\"/b.jpg\"> cap[/caption]\n\nhttps://vimeo.com/1\n\n[x a=1]y[/x]",
		"<blockquote><p>q</p><cite>w</cite></blockquote><table><tr><td>a<br>b</td></tr></table>",
		"<figure class=\"wp-block-gallery\"><figure class=\"wp-block-image\"><img src=\"/c.png\"></figure></figure>",
		"<!-- wp:latest-posts /--><video><source src=\"/v.mp4\"></video><iframe></iframe>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		md, images, unknown, err := Markdown(src)
		if err != nil {
			return
		}
		again, _, _, _ := Markdown(src)
		if again != md {
			t.Fatalf("two conversions differ:\n%q\n%q", md, again)
		}
		for _, img := range images {
			if !strings.Contains(md, "]("+img) {
				t.Fatalf("image %q is not in\n%q", img, md)
			}
		}
		for _, u := range unknown {
			if u == "" {
				t.Fatal("an unknown without a name")
			}
		}
	})
}
