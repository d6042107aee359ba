// Package serve is the development server: it answers HTTP requests from a build held in
// memory. It serves only files of that build, whatever a request path holds (dot
// segments, encoded slashes or backslashes), and 404.html for everything else. With a
// Broker it also tells open pages to reload when the build changes (reload.go).
package serve

import (
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"dateline/internal/output"
)

// Files is the built site the server answers from.
type Files interface {
	Get(name string) ([]byte, bool)
}

// Handler serves a built site.
type Handler struct {
	Files  Files
	Reload *Broker // when set, pages carry the reload script
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.Reload != nil {
		switch r.URL.Path {
		case eventsPath:
			h.Reload.ServeHTTP(w, r)
			return
		case scriptPath:
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			io.WriteString(w, script)
			return
		}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		h.notFound(w, r)
		return
	}
	if data, found := h.Files.Get(name); found {
		h.send(w, r, name, data, http.StatusOK)
		return
	}
	// A folder asked for without its slash: send the browser to the folder.
	if _, found := h.Files.Get(path.Join(name, "index.html")); found {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	h.notFound(w, r)
}

// fileName maps a decoded request path to the name of a file of the build, refusing
// anything that could name a file outside it.
func fileName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	return name, true
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	if data, ok := h.Files.Get("404.html"); ok {
		h.send(w, r, "404.html", data, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

func (h *Handler) send(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	if h.Reload != nil && path.Ext(name) == ".html" {
		data = inject(data)
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

var _ Files = (*output.Memory)(nil)
