package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

func convert(t testing.TB, c *Converter, src string, doc Document) Result {
	t.Helper()
	res, err := c.Convert([]byte(src), doc)
	if err != nil {
		t.Fatalf("Convert(%.40q): %v", src, err)
	}
	return res
}

func TestSummaryIsFirstTopLevelParagraphAsPlainText(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "First one.\n\nSecond one.", "First one."},
		{"markup removed", "A *very* [good](https://x.org) `day` ~~not~~ <b>here</b>.", "A very good day not here."},
		{"typography as Unicode", `"It's" -- fine... --- ok`, "“It’s” – fine… — ok"},
		{"entities and escapes resolved", `Fish &amp; chips \*not\* &lt;b&gt; &#x263A;`, "Fish & chips *not* <b> ☺"},
		{"whitespace collapsed", "One\ntwo  \nthree\\\nfour", "One two three four"},
		{"after a heading", "## Head\n\nBody text.", "Body text."},
		{"skips a figure", "![Photo](p.jpg \"Cap\")\n\nThe story.", "The story."},
		{"skips a quote and a list", "> Quoted.\n\n- item\n\nThe story.", "The story."},
		{"image alt is its text", "The logo ![ACME *Inc*](l.png) is red.", "The logo ACME Inc is red."},
		{"footnote marker is not text", "Claim.[^1]\n\n[^1]: Source.", "Claim."},
		{"dangerous link keeps its words", "A [trap](javascript:x) here.", "A trap here."},
		{"no paragraph", "## Only a heading\n\n> and a quote", ""},
		{"empty", "", ""},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := convert(t, c, tt.src, Document{}).Summary; got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSummaryLeavesOutTheDateline(t *testing.T) {
	res := convert(t, New(Options{}), "The council met.", Document{Dateline: "SANTA FE"})
	if res.Summary != "The council met." {
		t.Errorf("Summary = %q, want the paragraph without the dateline", res.Summary)
	}
	if !bytes.Contains(res.HTML, []byte(`<span class="dateline">SANTA FE</span> — The council met.`)) {
		t.Errorf("HTML lacks the dateline:\n%s", res.HTML)
	}
}

func TestLocalListsRelativeFilesOnceSorted(t *testing.T) {
	src := `![b](b.jpg) ![a](a.jpg "t") ![again](b.jpg?w=2#x) [doc](files/report.pdf#page=2)

[other story](../2019/other/) [anchor](#top) [root](/about/) [remote](https://x.org/a.jpg)
[mail](mailto:desk@x.org) <https://x.org/> [query only](?q=1) [space](<my photo.jpg>)
[escaped](my%20photo.jpg) [entity](caf&eacute;.jpg) ![bad](javascript:x)

[ref]: ref.png

![by reference][ref]

> ![in a quote](quoted.jpg)
`
	want := []string{"../2019/other/", "a.jpg", "b.jpg", "café.jpg", "files/report.pdf", "my photo.jpg", "quoted.jpg", "ref.png"}
	got := convert(t, New(Options{}), src, Document{}).Local
	if !slices.Equal(got, want) {
		t.Errorf("Local =\n %q\nwant\n %q", got, want)
	}
}

func TestLocalIsEmptyWithoutLocalReferences(t *testing.T) {
	if got := convert(t, New(Options{}), "[x](https://x.org/) ![y](/img/y.jpg)", Document{}).Local; len(got) != 0 {
		t.Errorf("Local = %q, want none", got)
	}
}

func TestImageSizeIsAskedOnlyForLocalImages(t *testing.T) {
	var asked []string
	doc := Document{ImageSize: func(src string) (int, int, bool) {
		asked = append(asked, src)
		return 0, 0, false // unknown: no attributes
	}}
	res := convert(t, New(Options{}), "![a](a.jpg) ![b](https://x.org/b.jpg) ![c](/c.jpg) ![d](data:image/png;base64,AA==) [e](e.jpg)", doc)
	if !slices.Equal(asked, []string{"a.jpg"}) {
		t.Errorf("ImageSize asked for %q, want only a.jpg", asked)
	}
	if bytes.Contains(res.HTML, []byte("width=")) {
		t.Errorf("unknown size still wrote width:\n%s", res.HTML)
	}
}

func TestHeadingIDsAreUniqueAcrossManyDuplicates(t *testing.T) {
	s := newIDs([]string{"intro-2"})
	var got []string
	for range 4 {
		got = append(got, string(s.Generate([]byte("Intro"), 0)))
	}
	got = append(got, string(s.Generate([]byte("Intro 1"), 0)))
	want := []string{"intro", "intro-1", "intro-3", "intro-4", "intro-1-1"}
	if !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
}

func TestWriteCSSHasLightAndDarkStylesAndIsStable(t *testing.T) {
	c := New(Options{})
	var a, b bytes.Buffer
	if err := c.WriteCSS(&a); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteCSS(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("WriteCSS is not deterministic")
	}
	css := a.String()
	dark := strings.Index(css, "@media (prefers-color-scheme: dark) {")
	if dark < 0 || !strings.HasSuffix(css, "}\n") {
		t.Fatalf("no dark-mode block:\n%s", css)
	}
	// Both halves style the classes the highlighter writes (.chroma, .kd for a keyword).
	for _, half := range []string{css[:dark], css[dark:]} {
		if !strings.Contains(half, ".chroma {") || !strings.Contains(half, ".chroma .kd {") {
			t.Errorf("a half of the stylesheet lacks .chroma or .kd rules:\n%s", half)
		}
	}
	if css[:dark] == css[dark:] {
		t.Error("light and dark styles are the same")
	}
}

func TestCodeIsHighlightedWithClassesOnly(t *testing.T) {
	html := convert(t, New(Options{}), "```go\nfunc f() {}\n```\n", Document{}).HTML
	if !bytes.Contains(html, []byte(`<span class="kd">func</span>`)) {
		t.Errorf("no class-highlighted keyword:\n%s", html)
	}
	if bytes.Contains(html, []byte("style=")) {
		t.Errorf("inline style in code:\n%s", html)
	}
}

// TestFencesRenderAsGoldmarkHighlightingDoes checks the code renderer against
// goldmark-highlighting, the extension dateline used to highlight with and Hugo's fence
// attributes come from, kept as a reference in tests only: for every kind of language name
// and every attribute the renderer reads, both must give the same bytes.
func TestFencesRenderAsGoldmarkHighlightingDoes(t *testing.T) {
	c := New(Options{})
	ref := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(
		highlighting.WithStyle(lightStyle),
		highlighting.WithFormatOptions(chromaOptions()...),
		highlighting.WithWrapperRenderer(referenceWrapper),
	)))
	code := "x := \"<b>&amp;\" // note\nSELECT * FROM t WHERE a < 2;\n\tprint('ok')\nend\n"
	langs := []string{"go", "Go", "python", "sql", "SQL", "js", "no-such-language", "c++", "a&b"}
	attrs := []string{"", " {linenos=false}", " {linenos=true}", " {linenos=table}", " {linenos=inline}",
		" {linenos=true, linenostart=10}", " {hl_lines=[2]}", ` {hl_lines=[1, "3-4"]}`,
		` {linenos=table, linenostart=7, hl_lines=["2-3"]}`, " {nohl}", ` {style="monokai"}`}
	for _, lang := range langs {
		for _, attr := range attrs {
			src := "```" + lang + attr + "\n" + code + "```\n"
			got := convert(t, c, src, Document{}).HTML
			var want bytes.Buffer
			if err := ref.Convert([]byte(src), &want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%q:\ngot:  %s\nwant: %s", src, got, want.Bytes())
			}
		}
	}
}

// referenceWrapper is what dateline wrapped goldmark-highlighting's output with: chroma's
// block ends in a newline, and unhighlighted code is a focusable <pre><code class="language-…">.
func referenceWrapper(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	switch {
	case c.Highlighted() && !entering:
		_ = w.WriteByte('\n')
	case c.Highlighted():
	case entering:
		_, _ = w.WriteString(`<pre tabindex="0"><code`)
		if lang, ok := c.Language(); ok && len(lang) > 0 {
			_, _ = w.WriteString(` class="language-`)
			gmhtml.DefaultWriter.Write(w, lang)
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	default:
		_, _ = w.WriteString("</code></pre>\n")
	}
}

// TestConvertIsSafeForConcurrentUse converts every golden input on many goroutines at once
// with one Converter and checks each result against a sequential conversion. Run with -race.
func TestConvertIsSafeForConcurrentUse(t *testing.T) {
	c := New(Options{ReservedIDs: []string{"main"}})
	var inputs []golden
	for _, file := range goldenFiles(t) {
		inputs = append(inputs, readGolden(t, file))
	}
	want := make([][]byte, len(inputs))
	for i, g := range inputs {
		want[i] = convert(t, c, string(g.input), g.doc).HTML
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(inputs))
	for range 8 {
		for i, g := range inputs {
			wg.Go(func() {
				res, err := c.Convert(g.input, g.doc)
				if err != nil || !bytes.Equal(res.HTML, want[i]) {
					errs <- fmt.Errorf("input %d: err %v, output differs from sequential run", i, err)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Hostile input must finish and must not blow the stack. There is no timing assertion: a
// hang shows as the test binary's timeout.
func TestPathologicalInputFinishes(t *testing.T) {
	deepQuote := strings.Repeat(">", 10000) + " deep\n"
	var stairs strings.Builder
	for i := 1; i <= 2000; i++ {
		stairs.WriteString(strings.Repeat("> ", i) + "x\n")
	}
	tests := map[string]string{
		"10,000 nested quotes":            deepQuote,
		"10,000 nested spaced quotes":     strings.Repeat("> ", 10000) + "deep\n",
		"2,000 lines of deepening quotes": stairs.String(),
		"10,000 nested lists":             strings.Repeat("- ", 10000) + "deep\n",
		"10,000 nested ordered lists":     strings.Repeat("1. ", 10000) + "deep\n",
		"1 MB of quote markers":           strings.Repeat(">", 1<<20),
	}
	if !testing.Short() {
		tests["10 MB line"] = strings.Repeat("word ", 2<<20)
		tests["10 MB code fence"] = "```go\n" + strings.Repeat("x := 1 // ", 1<<20) + "\n```\n"
		tests["10 MB of spaced quote markers"] = strings.Repeat("> ", 5<<20)
		tests["2 MB of emphasis"] = strings.Repeat("*", 1<<20) + "x" + strings.Repeat("*", 1<<20)
		tests["2 MB of brackets"] = strings.Repeat("[", 1<<20) + strings.Repeat("](x)", 1<<18)
	}
	c := New(Options{})
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			res := convert(t, c, src, Document{Dateline: "X"})
			if len(res.HTML) == 0 {
				t.Error("no output")
			}
		})
	}
	// The nesting cap keeps what it can: the deep quote's text is still there.
	if html := convert(t, c, deepQuote, Document{}).HTML; !bytes.Contains(html, []byte("deep")) {
		t.Error("deeply nested quote lost its text")
	}
}

func TestNestingIsCappedAndKeepsTheText(t *testing.T) {
	src := strings.Repeat("> ", 3*maxNesting) + "deep\n\n" + strings.Repeat("- ", 3*maxNesting) + "deeper\n"
	html := convert(t, New(Options{}), src, Document{}).HTML
	if n := bytes.Count(html, []byte("<blockquote>")); n > maxNesting {
		t.Errorf("%d nested blockquotes, want at most %d", n, maxNesting)
	}
	if n := bytes.Count(html, []byte("<ul>")); n > maxNesting {
		t.Errorf("%d nested lists, want at most %d", n, maxNesting)
	}
	if !bytes.Contains(html, []byte("deep")) || !bytes.Contains(html, []byte("deeper")) {
		t.Errorf("text past the cap was lost")
	}
}

func TestHugeCodeIsNotHighlighted(t *testing.T) {
	small := "```go\nfunc f() {}\n```\n\n"
	huge := "```go\n" + strings.Repeat("func f() {}\n", maxHighlight/10) + "```\n\n"
	html := convert(t, New(Options{}), small+huge+small, Document{}).HTML
	if n := bytes.Count(html, []byte(`<pre tabindex="0" class="chroma">`)); n != 2 {
		t.Errorf("%d highlighted blocks, want the 2 small ones", n)
	}
	if !bytes.Contains(html, []byte(`<pre tabindex="0"><code class="language-go">func f() {}`)) {
		t.Error("the huge block is not plain escaped code")
	}
}

func TestScrollingBoxesAreFocusable(t *testing.T) {
	src := "```go\nx := 1\n```\n\n```\nplain\n```\n\n    indented\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
	html := string(convert(t, New(Options{}), src, Document{}).HTML)
	if n := strings.Count(html, "<pre"); n != 3 || strings.Count(html, `<pre tabindex="0"`) != n {
		t.Errorf("every <pre> must have tabindex=0:\n%s", html)
	}
	if !strings.Contains(html, "<div class=\"table-scroll\" tabindex=\"0\">\n<table>") {
		t.Errorf("table is not in a focusable scroll box:\n%s", html)
	}
}

// Links are rendered here, not by goldmark: the same markup as goldmark's, with the
// destination escaped, the title's entities resolved, and no dangerous URL kept.
func TestLinksRenderAsGoldmarkDoes(t *testing.T) {
	tests := []struct{ src, want string }{
		{`[the vote](https://example.org/a?x=1&y=2 "Vote &amp; count")`,
			`<a href="https://example.org/a?x=1&amp;y=2" title="Vote &amp; count">the vote</a>`},
		{`[café](/places/café/)`, `<a href="/places/caf%C3%A9/">café</a>`},
		{`[quote](</a b> 'Say "hi"')`, `<a href="/a%20b" title="Say &quot;hi&quot;">quote</a>`},
		{`[trap](javascript:alert(1) "x")`, `trap`},
	}
	c := New(Options{})
	for _, tt := range tests {
		html := string(convert(t, c, tt.src, Document{}).HTML)
		if !strings.Contains(html, tt.want) {
			t.Errorf("%s:\n got %s\nwant it to contain %s", tt.src, html, tt.want)
		}
		if !strings.Contains(tt.want, "<a") && strings.Contains(html, "<a") {
			t.Errorf("%s: a dangerous link was kept: %s", tt.src, html)
		}
	}
}
