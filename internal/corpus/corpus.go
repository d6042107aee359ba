// Package corpus generates synthetic news archives for benchmarks and tests: n articles
// under content/articles/YYYY/, deterministic for a seed, with the front matter both
// dateline and the Hugo site in ../shared/bench/sites/hugo understand (title, dek, date,
// slug, author, authors, tags, places) and bodies of 300 to 2,000 words that use the
// Markdown a newsroom does: subheads, emphasis, links, lists, attributed quotes, the odd
// code block and photo.
package corpus

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Write writes a corpus of n articles into dir.
func Write(dir string, n int, seed uint64) error {
	return Generate(n, seed, func(name string, text []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, text, 0o644)
	})
}

// Generate calls emit with the slash-separated path (content/articles/YYYY/….md) and
// the text of each of n articles, oldest first.
func Generate(n int, seed uint64, emit func(name string, text []byte) error) error {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x6461746c))}
	g.pools()
	start := time.Date(2006, 1, 2, 6, 0, 0, 0, time.UTC)
	span := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	for i := range n {
		date := start.Add(time.Duration(float64(span) * (float64(i) + g.r.Float64()) / float64(n))).Truncate(time.Minute)
		a := g.article(i, date)
		name := "content/articles/" + date.Format("2006") + "/" + date.Format("2006-01-02-") + a.slug + ".md"
		if err := emit(name, a.text); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	r                     *rand.Rand
	authors, tags, places []string
}

var (
	syllables = strings.Fields("al ba cor den el fal gar hal ing jas kel lor mar nor os pel quin ros sal tor ul ver wick yar zan")
	firsts    = strings.Fields("Ana Ben Carla Diego Elena Farid Grace Hiro Ines Jamal Kira Luis Mara Nikhil Olga Pablo Quinn Rosa Sami Tara Uma Victor Wen Ximena Yusuf Zoe")
	lasts     = strings.Fields("Alvarez Brennan Castillo Duarte Ekwueme Fischer Garza Haddad Ivers Jimenez Kowalski Lindqvist Moreno Nakamura Ortega Pham Quiroga Reyes Sandoval Tran Uribe Vance Whitfield Xu Yates Zamora")
	subjects  = strings.Fields("Water Schools Housing Transit Budget Drought Wildfire Courts Elections Health Farming Energy Police Tourism Roads Jobs Taxes Libraries Parks Climate Border Trade Broadband Childcare Hospitals Mining Rivers Airport Ports Wages")
	qualities = strings.Fields("policy funding recovery safety reform shortage costs plan rights access")
	verbs     = strings.Fields("approves rejects delays expands cuts reviews debates funds halts revives")
	nouns     = strings.Fields("council board agency district court commission utility union coalition legislature")
	words     = strings.Fields("the of and to in a is that for on said with as by at from was were it its their they be has have had will would could more than after before new city county state local residents officials plan report year years month week people public program money budget project water school housing road data survey vote meeting community board district federal council families workers business growth rate cost costs cut increase decline region valley river town village spring summer fall winter because however while during under over between against without within according told asked expected proposed approved rejected")
	langs     = []string{"go", "python", "sql"}
)

// pools makes the names that articles draw from.
func (g *gen) pools() {
	for range 60 {
		g.authors = append(g.authors, firsts[g.r.IntN(len(firsts))]+" "+lasts[g.r.IntN(len(lasts))])
	}
	for _, s := range subjects {
		for _, q := range qualities {
			g.tags = append(g.tags, s+" "+q)
		}
	}
	for range 300 {
		name := ""
		for range 2 + g.r.IntN(2) {
			name += syllables[g.r.IntN(len(syllables))]
		}
		prefix := []string{"", "", "", "North ", "Port ", "East ", "Lake "}[g.r.IntN(7)]
		g.places = append(g.places, prefix+upper(name))
	}
}

func (g *gen) pick(from []string) string { return from[g.r.IntN(len(from))] }

// some picks between lo and hi distinct names; popular ones come up more often.
func (g *gen) some(from []string, lo, hi int) []string {
	var out []string
	for range lo + g.r.IntN(hi-lo+1) {
		s := from[int(float64(len(from))*g.r.Float64()*g.r.Float64())]
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type article struct {
	slug string
	text []byte
}

func quoted(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// article writes one article.
func (g *gen) article(i int, date time.Time) article {
	place := g.pick(g.places)
	title := fmt.Sprintf("%s %s %s in %s", upper(g.pick(nouns)), g.pick(verbs), strings.ToLower(g.pick(g.tags)), place)
	slug := strings.ToLower(strings.ReplaceAll(title, " ", "-")) + fmt.Sprintf("-%d", i)
	authors := g.some(g.authors, 1, 2)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndek: %q\ndate: %s\nslug: %s\nauthor: %q\nauthors: %s\ntags: %s\nplaces: %s\ndraft: false\n---\n\n",
		title, g.sentence(12, 24), date.Format(time.RFC3339), slug, authors[0], quoted(authors),
		quoted(g.some(g.tags, 1, 4)), quoted(append([]string{place}, g.some(g.places, 0, 1)...)))
	g.body(&b, 300+g.r.IntN(1700))
	return article{slug: slug, text: []byte(b.String())}
}

// body writes about n words of Markdown.
func (g *gen) body(b *strings.Builder, n int) {
	w := bufio.NewWriter(b)
	defer w.Flush()
	for written := 0; written < n; {
		switch k := g.r.IntN(20); {
		case k == 0 && written > 0:
			fmt.Fprintf(w, "## %s\n\n", strings.TrimSuffix(g.sentence(3, 6), "."))
		case k == 1:
			for range 2 + g.r.IntN(3) {
				fmt.Fprintf(w, "- %s\n", g.sentence(5, 12))
			}
			w.WriteString("\n")
			written += 30
		case k == 2:
			fmt.Fprintf(w, "> %s\n>\n> — %s, %s\n\n", g.sentence(15, 30), g.pick(g.authors), g.pick(nouns))
			written += 25
		case k == 3 && g.r.IntN(4) == 0:
			fmt.Fprintf(w, "```%s\nfor i := 0; i < %d; i++ {\n\ttotal += readings[i]\n}\n```\n\n", g.pick(langs), g.r.IntN(100))
		case k == 4 && g.r.IntN(3) == 0:
			fmt.Fprintf(w, "![%s](https://images.example.org/%d.jpg \"%s | Staff photo\")\n\n", g.sentence(4, 8), g.r.IntN(100000), g.sentence(6, 12))
		default:
			k := 40 + g.r.IntN(80)
			w.WriteString(g.paragraph(k))
			w.WriteString("\n\n")
			written += k
		}
	}
}

// paragraph writes n words with some emphasis and links.
func (g *gen) paragraph(n int) string {
	var b strings.Builder
	for i := range n {
		word := g.pick(words)
		if i == 0 {
			word = upper(word)
		}
		switch g.r.IntN(60) {
		case 0:
			word = "**" + word + "**"
		case 1:
			word = "*" + word + "*"
		case 2:
			word = fmt.Sprintf("[%s](https://example.org/%s/%d)", word, g.pick(words), g.r.IntN(100000))
		}
		b.WriteString(word)
		if i < n-1 {
			if g.r.IntN(12) == 0 {
				b.WriteString(".")
			}
			b.WriteString(" ")
		}
	}
	b.WriteString(".")
	return b.String()
}

func (g *gen) sentence(lo, hi int) string { return g.paragraph(lo + g.r.IntN(hi-lo+1)) }

// upper capitalises an ASCII word.
func upper(w string) string { return strings.ToUpper(w[:1]) + w[1:] }
