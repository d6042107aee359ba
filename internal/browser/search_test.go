package browser

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline/internal/corpus"
	"dateline/internal/output"
	"dateline/internal/serve"
	"dateline/internal/site"
	"dateline/internal/sitetest"
)

// searchSite builds a site for a server on 127.0.0.1 under the sub-path base ("/" for
// none), its clock at sitetest.Now so that which articles are out does not depend on
// the day, and returns the site's URL (ending in base) and the built files.
func searchSite(t *testing.T, fsys fs.FS, base string) (string, *output.Memory) {
	t.Helper()
	mem := output.NewMemory()
	var h http.Handler = &serve.Handler{Files: mem}
	if base != "/" {
		h = http.StripPrefix(strings.TrimSuffix(base, "/"), h)
	}
	url := strings.TrimSuffix(Serve(t, h), "/") + base
	if _, err := site.Build(context.Background(), site.Options{FS: fsys, BaseURL: url, Now: sitetest.Now}, mem); err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Get("search/index.html"); !ok {
		t.Fatal("the build has no search/index.html")
	}
	return url, mem
}

// exampleSearch serves the example archive at the root of a server.
func exampleSearch(t *testing.T) (string, *output.Memory) {
	t.Helper()
	return searchSite(t, os.DirFS("../.."), "/")
}

const (
	statusJS  = `document.getElementById("search-status").textContent`
	hrefsJS   = `[...document.querySelectorAll("#search-results > li > a")].map(a => a.getAttribute("href"))`
	settledJS = `(s => s !== "" && s !== "Searching…")(` + statusJS + `)`
)

// searchFor opens the search page with a query string and waits until it shows the
// outcome, returning the status line.
func searchFor(t *testing.T, b *Browser, url, query string) string {
	t.Helper()
	b.Do(Emulate("light", 1280), chromedp.Navigate(url+"search/?"+query))
	waitFor(t, b, "the results of ?"+query, settledJS)
	return Eval[string](b, statusJS)
}

func hrefs(b *Browser) []string { return Eval[[]string](b, hrefsJS) }

// article returns the site path of the article with a slug: /YYYY/MM/DD/slug/.
func article(t *testing.T, mem *output.Memory, slug string) string {
	t.Helper()
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, "/"+slug+"/index.html") && strings.Count(name, "/") == 4 {
			return "/" + strings.TrimSuffix(name, "index.html")
		}
	}
	t.Fatalf("no article %s in the build", slug)
	return ""
}

// cardLink is the link of a story card on a list page.
var cardLink = regexp.MustCompile(`<h2 class="card-title"><a href="([^"]+)"`)

// listed returns the URLs of the articles listed on a list page and the pages after it.
func listed(t *testing.T, mem *output.Memory, dir string) []string {
	t.Helper()
	var out []string
	for n := 1; ; n++ {
		name := dir + "index.html"
		if n > 1 {
			name = dir + "page/" + strconv.Itoa(n) + "/index.html"
		}
		data, ok := mem.Get(name)
		if !ok {
			break
		}
		for _, m := range cardLink.FindAllSubmatch(data, -1) {
			out = append(out, string(m[1]))
		}
	}
	if len(out) == 0 {
		t.Fatalf("no articles listed on %s", dir)
	}
	return out
}

func TestSearchShowsResultsAsYouTypePartOfAWord(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	want := article(t, mem, "desalination-brackish-aquifer")
	b.Do(Emulate("light", 1280), chromedp.Navigate(url+"search/"))
	b.Do(chromedp.SendKeys("#search-q", "undergro"))
	waitFor(t, b, "results for the unfinished word", hrefsJS+`.includes(`+strconv.Quote(want)+`)`)
	if got := Eval[string](b, `location.search`); got != "?q=undergro" {
		t.Errorf("the address shows %q as the reader types, want ?q=undergro", got)
	}
	marks := Eval[string](b, `[...[...document.querySelectorAll("#search-results > li > a")].find(a => a.getAttribute("href") === `+strconv.Quote(want)+`).querySelectorAll("mark")].map(m => m.textContent).join()`)
	if marks != "underground" {
		t.Errorf("the headline marks %q, want the word the prefix stands for", marks)
	}
}

func TestSearchRunsTheQueryInTheAddressOnLoad(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	status := searchFor(t, b, url, "q=nitrate")
	if got := Eval[string](b, `document.getElementById("search-q").value`); got != "nitrate" {
		t.Errorf("the search box holds %q, want the query of the address", got)
	}
	want := article(t, mem, "nitrate-rural-wells-analysis")
	if got := hrefs(b); !slices.Contains(got, want) {
		t.Errorf("?q=nitrate shows %v, want %s among them (status %q)", got, want, status)
	}
}

func TestSearchStatusIsALiveRegionWithTheCount(t *testing.T) {
	b := New(t)
	url, _ := exampleSearch(t)
	status := searchFor(t, b, url, "q=pecan")
	attrs := Eval[string](b, `(e => e.getAttribute("role") + " " + e.getAttribute("aria-live"))(document.getElementById("search-status"))`)
	if attrs != "status polite" {
		t.Errorf("the status line has role and aria-live %q, want status polite", attrs)
	}
	n, plural := len(hrefs(b)), "s"
	if n == 1 {
		plural = ""
	}
	if want := fmt.Sprintf("%d result%s for “pecan”", n, plural); status != want {
		t.Errorf("the status says %q, want %q", status, want)
	}
	searchFor(t, b, url, "q=zzzzqx")
	if got := Eval[string](b, statusJS); got != "No results for “zzzzqx”" {
		t.Errorf("a query nothing matches says %q", got)
	}
}

func TestSearchResultShowsHeadlineDekDateBylineAndMarksTheWords(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	searchFor(t, b, url, "q=pecan+growers")
	want := article(t, mem, "pecan-growers-drip-irrigation")
	if got := hrefs(b); len(got) == 0 || got[0] != want {
		t.Fatalf("the first result is %v, want %s", got, want)
	}
	got := Eval[map[string]string](b, `(li => ({
		headline: li.querySelector("a > h2").textContent,
		dek: li.querySelector("p.dek").textContent,
		datetime: li.querySelector("time").getAttribute("datetime"),
		date: li.querySelector("time").textContent,
		meta: li.querySelector(".search-result-meta").textContent,
		marks: [...li.querySelectorAll("h2 mark")].map(m => m.textContent).join("|"),
		dekMarks: [...li.querySelectorAll(".dek mark")].map(m => m.textContent).join("|"),
	}))(document.querySelector("#search-results > li"))`)
	wantFields := map[string]string{
		"headline": "Pecan growers test drip lines to stretch a shrinking supply",
		"dek":      "Flood irrigation has watered the valley's orchards for a century. A handful of growers are betting on buried tubing instead.",
		"datetime": "2021-05-11T00:00:00-06:00",
		"date":     "May 11, 2021",
		"marks":    "Pecan|growers",
		"dekMarks": "growers",
	}
	for k, v := range wantFields {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	if !strings.Contains(got["meta"], "By Marisol Quintana") {
		t.Errorf("the result's date line %q has no byline", got["meta"])
	}
}

func TestSearchQuotedPhraseFindsOnlyTheWordsInARow(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	inRow := article(t, mem, "irrigation-district-election") // "... protecting small growers ..."
	apart := article(t, mem, "irrigation-season-shortened")  // "smaller growers", "small" elsewhere

	searchFor(t, b, url, "q=small+growers")
	if got := hrefs(b); !slices.Contains(got, inRow) || !slices.Contains(got, apart) {
		t.Fatalf("small growers, unquoted, shows %v, want both %s and %s", got, inRow, apart)
	}
	searchFor(t, b, url, "q="+`"small+growers"`)
	got := hrefs(b)
	if len(got) == 0 || got[0] != inRow {
		t.Errorf(`"small growers" shows %v first, want %s`, got, inRow)
	}
	if slices.Contains(got, apart) {
		t.Errorf(`"small growers" shows %s, which has the words only apart`, apart)
	}
}

func TestSearchFiltersNarrowTheResults(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	count := func(status string) int {
		n, _ := strconv.Atoi(strings.Fields(status)[0]) // 0 for "No results"
		return n
	}
	total := count(searchFor(t, b, url, "q=water"))

	for _, c := range []struct{ query, list string }{
		{"q=water&topic=drought", "topics/drought/"},
		{"q=water&author=priya-venkataraman", "authors/priya-venkataraman/"},
	} {
		n := count(searchFor(t, b, url, c.query))
		got, allowed := hrefs(b), listed(t, mem, c.list)
		if len(got) == 0 || n >= total {
			t.Errorf("?%s shows %d results of %d, want fewer than the %d without the filter", c.query, len(got), n, total)
		}
		for _, h := range got {
			if !slices.Contains(allowed, h) {
				t.Errorf("?%s shows %s, which is not listed on /%s", c.query, h, c.list)
			}
		}
	}

	searchFor(t, b, url, "q=water&year=2022")
	years := Eval[[]string](b, `[...document.querySelectorAll("#search-results time")].map(t => t.getAttribute("datetime").slice(0, 4))`)
	if len(years) == 0 || slices.ContainsFunc(years, func(y string) bool { return y != "2022" }) {
		t.Errorf("?q=water&year=2022 shows articles of the years %v", years)
	}
	if got := Eval[string](b, `document.getElementById("search-year").value`); got != "2022" {
		t.Errorf("the year filter shows %q, want the year of the address", got)
	}

	// A filter changed on the page runs the search again and shows in the address.
	Eval[any](b, `(s => { s.value = "agriculture"; s.dispatchEvent(new Event("change", {bubbles: true})) })(document.getElementById("search-topic"))`)
	waitFor(t, b, "the topic filter in the address", `location.search.includes("topic=agriculture")`)
	waitFor(t, b, "results narrowed by topic", settledJS+` && `+statusJS+`.includes("in Agriculture")`)
}

func TestSearchNewestFirstOrdersResultsByDate(t *testing.T) {
	b := New(t)
	url, _ := exampleSearch(t)
	searchFor(t, b, url, "q=water&sort=newest")
	dates := Eval[[]float64](b, `[...document.querySelectorAll("#search-results time")].map(t => Date.parse(t.getAttribute("datetime")))`)
	if len(dates) < 10 {
		t.Fatalf("only %d results for water", len(dates))
	}
	if !slices.IsSortedFunc(dates, func(a, b float64) int { return int(b - a) }) {
		t.Errorf("newest first, the results' dates are not descending: %v", dates)
	}
	if got := Eval[string](b, `document.getElementById("search-sort").value`); got != "newest" {
		t.Errorf("the order select shows %q, want newest", got)
	}
}

func TestSearchMoreResultsShowsTheNextTwentyAndMovesFocusToThem(t *testing.T) {
	b := New(t)
	url, _ := exampleSearch(t)
	status := searchFor(t, b, url, "q=water")
	total, err := strconv.Atoi(strings.Fields(status)[0])
	if err != nil || total <= 20 {
		t.Fatalf("the status %q should count more than 20 results", status)
	}
	if n := len(hrefs(b)); n != 20 {
		t.Fatalf("the first page shows %d results, want 20", n)
	}
	b.Do(chromedp.Click("#search-more"))
	waitFor(t, b, "the next results", `document.querySelectorAll("#search-results > li").length === `+strconv.Itoa(min(total, 40)))
	if got := Eval[string](b, `document.activeElement.getAttribute("href") === document.querySelectorAll("#search-results > li > a")[20].getAttribute("href") ? "ok" : document.activeElement.outerHTML`); got != "ok" {
		t.Errorf("after More results, focus is on %s, want the 21st result", got)
	}
	if total <= 40 && !Eval[bool](b, `document.getElementById("search-more").hidden`) {
		t.Error("More results is still offered with every result shown")
	}
	if got := hrefs(b); len(slices.Compact(slices.Sorted(slices.Values(got)))) != len(got) {
		t.Errorf("a result is shown twice: %v", got)
	}
}

func TestSearchShowsOnlyTheLatestQueryWhenTwoOverlap(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	// The newer search has every file it needs in hand and ends first; the older one
	// still fetches its files, and must not show its results when they come.
	searchFor(t, b, url, "q=checkpoint")
	Eval[any](b, `(f => {
		f.elements.q.value = "chile harvest labor"; f.requestSubmit();
		f.elements.q.value = "checkpoint"; f.requestSubmit();
	})(document.querySelector("form[data-index]"))`)
	waitFor(t, b, "the second search", settledJS)
	// Wait for the older search's files, then give it the chance to render.
	waitFor(t, b, "the older search's files", `performance.getEntriesByType("resource").filter(e => e.name.includes("/search/s/")).length >= 3`)
	want := []string{article(t, mem, "border-patrol-checkpoint-ruling")}
	if got := hrefs(b); !slices.Equal(got, want) {
		t.Errorf("after \"chile harvest labor\" then \"checkpoint\", the results are %v, want %v", got, want)
	}
	if got := Eval[string](b, statusJS); got != "1 result for “checkpoint”" {
		t.Errorf("the status says %q", got)
	}
}

func TestSearchPageWithoutJavaScriptSaysSoAndLinksToTheArchive(t *testing.T) {
	b := New(t)
	url, _ := exampleSearch(t)
	noScript := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	b.Do(noScript, chromedp.Navigate(url+"search/?q=water"))
	text, err := chromedp.Run(b.ctx, chromedp.Text(".search-noscript"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "needs JavaScript") {
		t.Errorf("without JavaScript the page says %q", text)
	}
	links, err := chromedp.Run(b.ctx, chromedp.AttributesAll(".search-noscript a"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range links {
		got = append(got, a["href"])
	}
	if !slices.Equal(got, []string{"/archive/", "/topics/"}) {
		t.Errorf("without JavaScript the page links to %v, want the archive and the topics", got)
	}
}

// press sends one key to the focused element.
func press(b *Browser, key string) { b.Do(chromedp.KeyEvent(key)) }

// tabTo presses Tab until the focused element matches cond, at most 40 times.
func tabTo(t *testing.T, b *Browser, what, cond string) {
	t.Helper()
	for range 40 {
		press(b, kb.Tab)
		if Eval[bool](b, `(e => !!(e && (`+cond+`)))(document.activeElement)`) {
			return
		}
	}
	t.Fatalf("Tab never reached %s", what)
}

func TestSearchWorksFromTheKeyboardAlone(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	b.Do(Emulate("light", 1280), chromedp.Navigate(url+"search/"))
	Eval[any](b, `document.activeElement.blur()`)
	tabTo(t, b, "the search box", `e.id === "search-q"`)
	b.Do(chromedp.KeyEvent("checkpoint"))
	want := article(t, mem, "border-patrol-checkpoint-ruling")
	waitFor(t, b, "results as typed", hrefsJS+`[0] === `+strconv.Quote(want))
	tabTo(t, b, "the first result", `e.closest("#search-results") && e.matches("a")`)
	if got := Eval[string](b, `document.activeElement.getAttribute("href")`); got != want {
		t.Fatalf("Tab reached %s first, want %s", got, want)
	}
	press(b, kb.Enter)
	waitFor(t, b, "the article after Enter", `location.pathname === `+strconv.Quote(want))
}

func TestSearchBoxInTheMastheadOpensTheSearchPage(t *testing.T) {
	b := New(t)
	url, mem := exampleSearch(t)
	b.Do(Emulate("light", 1280), chromedp.Navigate(url))
	Eval[any](b, `document.activeElement.blur()`)
	tabTo(t, b, "the masthead search box", `e.id === "masthead-q"`)
	if got := Eval[string](b, `(e => e.labels[0].textContent + " / " + e.form.querySelector("button").textContent)(document.activeElement)`); got != "Search the archive / Search" {
		t.Errorf("the masthead box and button are named %q", got)
	}
	b.Do(chromedp.KeyEvent("wastewater"))
	press(b, kb.Enter)
	want := article(t, mem, "wastewater-recycling-plant")
	waitFor(t, b, "the search page with results", `location.pathname === "/search/" && `+hrefsJS+`[0] === `+strconv.Quote(want))
}

func TestSearchPageWithResultsHasNoAxeViolationsAndFitsAPhone(t *testing.T) {
	b := New(t)
	url, _ := exampleSearch(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, width := range []int64{320, 1280} {
			b.Do(Emulate(scheme, width), chromedp.Navigate(url+"search/?q=water+rights"))
			waitFor(t, b, "results", settledJS+` && document.querySelector("#search-results mark")`)
			for _, v := range b.AxeNow() {
				t.Errorf("/search/?q=water+rights (%s, %dpx): %s", scheme, width, v)
			}
			if w := Eval[int](b, `document.documentElement.scrollWidth`); w > int(width) {
				t.Errorf("/search/ with results is %dpx wide on a %dpx screen", w, width)
			}
		}
	}
}

func TestSearchWorksUnderASubPath(t *testing.T) {
	b := New(t)
	url, mem := searchSite(t, os.DirFS("../.."), "/ledger/")
	if page, _ := mem.Get("search/index.html"); !strings.Contains(string(page), `data-index="/ledger/search/"`) {
		t.Fatal("the search page does not name its index under the sub-path")
	}
	searchFor(t, b, url, "q=checkpoint")
	want := "/ledger" + article(t, mem, "border-patrol-checkpoint-ruling")
	if got := hrefs(b); !slices.Equal(got, []string{want}) {
		t.Errorf("under /ledger/ the results are %v, want [%s]", got, want)
	}
}

// topThree runs each query and checks that its article is among the first three results.
func topThree(t *testing.T, b *Browser, url string, queries [][2]string) {
	t.Helper()
	for _, q := range queries {
		searchFor(t, b, url, "q="+urlQuery(q[0]))
		got := hrefs(b)
		if !slices.Contains(got[:min(3, len(got))], q[1]) {
			t.Errorf("%s: want %s in the top three, got %v", q[0], q[1], got[:min(5, len(got))])
		}
	}
}

func urlQuery(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "#", "%23", " ", "+", `"`, "%22").Replace(s)
}

func TestSearchFindsEachArticleInTheTopThree(t *testing.T) {
	t.Run("example", func(t *testing.T) {
		b := New(t)
		url, mem := exampleSearch(t)
		var queries [][2]string
		for _, q := range [][2]string{
			{"salty water", "desalination-brackish-aquifer"},
			{"alamogor", "desalination-brackish-aquifer"},                      // as typed, the last word unfinished
			{"pena nieto irrigation season", "irrigation-season-shortened"},    // Peña, typed without the tilde
			{"ciudad juarez warehouses", "santa-teresa-port-expansion"},        // Juárez
			{"renata olguin shelter", "asylum-seekers-shelter-las-cruces"},     // Olguín
			{"dairies lawsuit", "dairy-groundwater-lawsuit"},                   // it says only "dairy"
			{"approved sewer rates", "council-approves-utility-rate-increase"}, // it says "approves", "rate"
			{`"water rights"`, "council-buys-farm-water-rights"},
			{`"small growers"`, "irrigation-district-election"},
			{"census colonias", "census-undercount-colonias"},
			{"checkpoint dog sniffs", "border-patrol-checkpoint-ruling"},
			{"lead fountains", "school-water-fountains-lead"},
			{"teacher raises budget", "school-board-budget-teacher-raises"},
			{"enrollment", "mvsu-enrollment-rebound"},
			{"black range fire", "black-range-fire"},
			{"monsoon plaza flooding", "monsoon-flooding-mesilla"},
			{"drip irrigation pecan", "pecan-growers-drip-irrigation"},
			{"groundwater contamin", "dairy-groundwater-lawsuit"}, // as typed, the last word unfinished
			{"nitrates wells", "nitrate-rural-wells-analysis"},    // a form the archive never uses: the word with its stem
		} {
			queries = append(queries, [2]string{q[0], article(t, mem, q[1])})
		}
		topThree(t, b, url, queries)
	})

	t.Run("generated", func(t *testing.T) {
		b := New(t)
		fsys := fstest.MapFS{}
		var heads []generated
		err := corpus.Generate(2000, 7, func(name string, text []byte) error {
			fsys[name] = &fstest.MapFile{Data: text}
			heads = append(heads, generatedHead(t, name, text))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		url, mem := searchSite(t, fsys, "/")
		topThree(t, b, url, generatedQueries(t, mem, heads, 10))
	})
}

// generated is what the query set needs of a generated article.
type generated struct{ title, slug string }

func generatedHead(t *testing.T, name string, text []byte) generated {
	var g generated
	for _, line := range strings.Split(string(text), "\n")[1:] {
		if line == "---" {
			break
		}
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "title":
			g.title, _ = strconv.Unquote(v)
		case "slug":
			g.slug = v
		}
	}
	if g.title == "" || g.slug == "" {
		t.Fatalf("%s: no title or slug in the generated front matter", name)
	}
	return g
}

// generatedQueries picks k articles spread over the corpus and makes a query of each
// one's headline, "Noun verb tag words in Place": the tag words and the place, which
// name few articles (the noun and the verb are words every generated body uses). Every
// other query stops a letter short of the place's end, as a reader still typing. An
// article is passed over for the next one when another headline holds every word of
// its query.
func generatedQueries(t *testing.T, mem *output.Memory, heads []generated, k int) [][2]string {
	t.Helper()
	words := func(s string) []string { return strings.Fields(strings.ToLower(s)) }
	query := func(n int, title string) string {
		before, place, _ := strings.Cut(title, " in ")
		q := strings.Join(append(strings.Fields(before)[2:], place), " ")
		if n%2 == 1 {
			q = q[:len(q)-1]
		}
		return q
	}
	rivals := func(i int, q string) bool {
		w := words(q)
		for j, h := range heads {
			if j != i && !slices.ContainsFunc(w, func(x string) bool {
				return !slices.ContainsFunc(words(h.title), func(y string) bool { return strings.HasPrefix(y, x) })
			}) {
				return true
			}
		}
		return false
	}
	var out [][2]string
	for n := range k {
		i := n*len(heads)/k + len(heads)/(2*k)
		for rivals(i, query(n, heads[i].title)) {
			i++
		}
		out = append(out, [2]string{query(n, heads[i].title), article(t, mem, heads[i].slug)})
	}
	return out
}
