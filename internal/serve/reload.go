package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Reloading: every HTML page the server sends carries a small script that listens on
// Server-Sent Events at /_dateline/events. After a good rebuild the server sends
// "reload" (or "css" with the changed stylesheets, which the page swaps without
// reloading); after a bad one it sends "problem" with the errors, which the page shows
// over itself until a good rebuild reloads it. Files that dateline build writes never
// carry the script: it is added as a page is served.

// Paths of the server's own endpoints; "_" names never occur in a built site.
const (
	eventsPath = "/_dateline/events"
	scriptPath = "/_dateline/reload.js"
)

// Event is a message to open pages.
type Event struct {
	Name string // "reload", "css" or "problem"
	Data any    // encoded as JSON
}

// Broker sends events to every open page. The zero value is not ready; use NewBroker.
type Broker struct {
	mu      sync.Mutex
	clients map[chan Event]bool
	problem *Event // the errors of the current build, for pages that open meanwhile
	done    chan struct{}
	once    sync.Once
}

// NewBroker returns a broker with no pages listening.
func NewBroker() *Broker {
	return &Broker{clients: map[chan Event]bool{}, done: make(chan struct{})}
}

// Reload tells open pages to reload, or, when only stylesheets changed, to swap them.
func (b *Broker) Reload(stylesheets []string) {
	b.mu.Lock()
	b.problem = nil
	b.mu.Unlock()
	if stylesheets != nil {
		b.publish(Event{"css", stylesheets})
		return
	}
	b.publish(Event{"reload", ""})
}

// Problem tells open pages, and pages opened later, that the build failed and why.
func (b *Broker) Problem(errs []string) {
	e := Event{"problem", errs}
	b.mu.Lock()
	b.problem = &e
	b.mu.Unlock()
	b.publish(e)
}

// Close ends every open event stream, so the server can shut down.
func (b *Broker) Close() { b.once.Do(func() { close(b.done) }) }

func (b *Broker) publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- e:
		default: // a page that does not keep up reconnects and reloads anyway
		}
	}
}

func (b *Broker) subscribe() (chan Event, *Event) {
	c := make(chan Event, 8)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clients[c] = true
	return c, b.problem
}

func (b *Broker) unsubscribe(c chan Event) {
	b.mu.Lock()
	delete(b.clients, c)
	b.mu.Unlock()
}

// ServeHTTP is the event stream of one open page.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	c, problem := b.subscribe()
	defer b.unsubscribe(c)
	fmt.Fprint(w, "retry: 500\n: connected\n\n")
	if problem != nil {
		writeEvent(w, *problem)
	}
	flusher.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case e := <-c:
			writeEvent(w, e)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		}
		flusher.Flush()
	}
}

func writeEvent(w http.ResponseWriter, e Event) {
	data, _ := json.Marshal(e.Data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Name, data)
}

// inject adds the reload script to an HTML page, before its closing </body>.
func inject(page []byte) []byte {
	tag := []byte(`<script src="` + scriptPath + `"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(bytes.Clone(page), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// script is the page side of reloading. It shows build errors in a dialog-like overlay
// that screen readers announce (role="alert"), built with textContent so that no error
// text is read as markup.
const script = `(() => {
  "use strict";
  const events = new EventSource("` + eventsPath + `");
  window.datelineReload = events; // readyState 1 once listening; for tests and curious editors
  let overlay = null;
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", (e) => {
    const changed = JSON.parse(e.data);
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (changed.some((f) => url.pathname.endsWith("/" + f))) {
        url.searchParams.set("dateline", Date.now());
        link.href = url.href;
      }
    }
  });
  events.addEventListener("problem", (e) => {
    const errors = JSON.parse(e.data);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dateline-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,19,.96);color:#fff;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace";
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const h = document.createElement("h2");
    h.textContent = "The last change does not build";
    h.style.cssText = "font:bold 20px/1.3 system-ui,sans-serif;margin:0 0 1rem;color:#ff8f87";
    const p = document.createElement("p");
    p.textContent = "This page shows the last good build. Fix the file and save: the page reloads.";
    p.style.cssText = "font:15px/1.5 system-ui,sans-serif;margin:0 0 1rem";
    const list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem";
    for (const err of errors) {
      const li = document.createElement("li");
      li.textContent = err;
      li.style.cssText = "margin:.4rem 0;white-space:pre-wrap";
      list.append(li);
    }
    overlay.append(h, p, list);
  });
})();
`
