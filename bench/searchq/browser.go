package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	cdp "github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// observer runs in every page before its own scripts. It lifts the resource timing
// buffer (250 entries by default) and stamps, with performance.now(), the first moment a
// result is in the list, or the status says there are none.
const observer = `
performance.setResourceTimingBufferSize(100000);
window.__searchq = {first: null, none: null};
new MutationObserver((_, obs) => {
  const s = window.__searchq;
  if (s.first === null && document.querySelector('#search-results li')) s.first = performance.now();
  const st = document.getElementById('search-status');
  if (s.none === null && st && /^no results/i.test(st.textContent.trim())) s.none = performance.now();
  if (s.first !== null || s.none !== null) obs.disconnect();
}).observe(document, {childList: true, subtree: true, characterData: true});
`

// pagefindPage runs one Pagefind search the way its own UI would, and shows the URLs of
// the first results in the same elements dateline's page uses, so one observer serves
// both. It loads the data of -pf-results results (Pagefind's default UI shows 5), and
// searches in Pagefind's web worker unless -pf-no-worker.
const pagefindPage = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Pagefind</title>
<p id="search-status"></p><ol id="search-results"></ol>
<script type="module">
const params = new URLSearchParams(location.search);
const q = params.get('q'), k = +params.get('k') || 3;
const pagefind = await import('/pagefind/pagefind.js');
if (params.get('worker') === '0') await pagefind.options({noWorker: true});
await pagefind.init();
const r = await pagefind.search(q);
const data = await Promise.all(r.results.slice(0, k).map(x => x.data()));
const ol = document.getElementById('search-results');
const items = data.map(d => {
  const li = document.createElement('li'), a = document.createElement('a');
  a.href = d.url; a.textContent = d.meta.title; li.append(a); return li;
});
if (items.length) ol.append(...items);
document.getElementById('search-status').textContent = r.results.length ? r.results.length + ' results' : 'No results for ' + q;
</script>
</html>
`

// pagefindPath is where the Pagefind page is served, outside the built site.
const pagefindPath = "/__searchq/pagefind.html"

// server serves the built site folder, as files (no compression), plus the Pagefind
// page, on 127.0.0.1, and logs every response. The log sees what the Performance API of
// a page does not: fetches made by a web worker, as Pagefind's are.
type server struct {
	base string
	srv  *http.Server
	mu   sync.Mutex
	log  []served
}

// served is one response: the request URI, the body bytes written and when it ended.
type served struct {
	uri   string
	bytes int
	end   time.Time
}

func serve(site string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{base: "http://" + ln.Addr().String()}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(site)))
	mux.HandleFunc(pagefindPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pagefindPage))
	})
	s.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		mux.ServeHTTP(cw, r)
		s.mu.Lock()
		s.log = append(s.log, served{uri: r.URL.RequestURI(), bytes: cw.n, end: time.Now()})
		s.mu.Unlock()
	})}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) close() { s.srv.Close() }

// mark returns a position in the log, for since.
func (s *server) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// since returns the responses logged after mark.
func (s *server) since(mark int) []served {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log[mark:])
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// startBrowser starts headless Chromium with a throwaway profile.
func startBrowser(chromium string) (context.Context, func(), error) {
	dir, err := os.MkdirTemp("", "searchq-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() { cancel(); cancelAlloc(); os.RemoveAll(dir) }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting Chromium at %s: %w", chromium, err)
	}
	return ctx, stop, nil
}

// resource is one entry of performance.getEntriesByType('resource').
type resource struct {
	Name  string  `json:"name"`
	Size  int     `json:"size"` // encodedBodySize: the bytes of the body as sent
	Start float64 `json:"start"`
	End   float64 `json:"end"` // responseEnd, ms since navigation start
}

// pageResult is what a page tells about one search.
type pageResult struct {
	Origin    float64    `json:"origin"` // performance.timeOrigin, ms since the Unix epoch
	First     *float64   `json:"first"`  // ms since navigation start: first result in the list
	None      *float64   `json:"none"`   // or: the status said no results
	Status    string     `json:"status"`
	Top       []string   `json:"top"`
	Resources []resource `json:"resources"`
}

const done = `(() => { const s = window.__searchq; return !!s && (s.first !== null || s.none !== null) })()`

const report = `(() => ({
  origin: performance.timeOrigin, first: __searchq.first, none: __searchq.none,
  status: (document.getElementById('search-status') || {}).textContent || '',
  top: [...document.querySelectorAll('#search-results > li')].slice(0, 3)
    .map(li => { const a = li.querySelector('a[href]'); return a ? new URL(a.href, location.href).pathname : '' }),
  resources: performance.getEntriesByType('resource')
    .map(e => ({name: e.name, size: e.encodedBodySize, start: e.startTime, end: e.responseEnd})),
}))()`

// quiet waits until no resource has started for settle, so fetches that follow the
// first results (more fragments, say) are counted too.
const quiet = `new Promise(resolve => {
  let n = -1;
  const tick = () => { const m = performance.getEntriesByType('resource').length;
    if (m === n) resolve(m); else { n = m; setTimeout(tick, %d) } };
  tick();
})`

// open loads pageURL in a new browser context (its own empty cache), waits for the
// search to show something, then for the network to settle, and reads the page.
func open(browser context.Context, pageURL string, timeout, settle time.Duration) (pageResult, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, timeout+10*time.Second)
	defer cancelT()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observer})
			return err
		}),
		chromedp.Navigate(pageURL),
	)
	if err != nil {
		return pageResult{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(timeout))); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('search-status') || {}).textContent || '(no #search-status)'`))
		return pageResult{}, fmt.Errorf("no results and no \"No results\" within %v (status %q): %w", timeout, strings.TrimSpace(status), err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(quiet, settle.Milliseconds()), chromedp.EvalAwaitPromise)); err != nil {
		return pageResult{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[pageResult](report))
}

// pageURL is the page one query opens with each engine.
func pageURL(base, engine, q string, o options) string {
	if engine == "pagefind" {
		worker := 1
		if o.pfNoWorker {
			worker = 0
		}
		return fmt.Sprintf("%s%s?q=%s&k=%d&worker=%d", base, pagefindPath, url.QueryEscape(q), o.pfResults, worker)
	}
	return base + "/search/?q=" + url.QueryEscape(q)
}
