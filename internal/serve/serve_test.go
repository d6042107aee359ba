package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"dateline/internal/output"
)

func built() *Handler {
	m := output.NewMemory()
	m.Write("index.html", []byte("front"))
	m.Write("2024/05/01/x/index.html", []byte("article"))
	m.Write("css/site.css", []byte("body{}"))
	m.Write("404.html", []byte("not here"))
	return &Handler{Files: m}
}

func get(h http.Handler, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
	req.URL.Path = target
	req.URL.RawPath = ""
	h.ServeHTTP(rec, req)
	return rec
}

func TestHandlerServesFilesOfTheBuild(t *testing.T) {
	h := built()
	for path, want := range map[string]string{"/": "front", "/2024/05/01/x/": "article", "/css/site.css": "body{}"} {
		rec := get(h, path)
		if rec.Code != 200 || rec.Body.String() != want {
			t.Errorf("GET %s = %d %q", path, rec.Code, rec.Body)
		}
	}
	if ct := get(h, "/css/site.css").Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("css Content-Type = %q", ct)
	}
	if rec := get(h, "/2024/05/01/x"); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/2024/05/01/x/" {
		t.Errorf("folder without slash = %d %q", rec.Code, rec.Header().Get("Location"))
	}
}

func TestHandlerAnswers404PageForAnythingElse(t *testing.T) {
	h := built()
	for _, path := range []string{"/nope/", "/../../etc/passwd", "/css/../../x", "/a\\..\\b", "/x\x00"} {
		rec := get(h, path)
		if rec.Code != http.StatusNotFound || rec.Body.String() != "not here" {
			t.Errorf("GET %q = %d %q, want 404 page", path, rec.Code, rec.Body)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d", rec.Code)
	}
}
