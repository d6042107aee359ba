package serve

import (
	"fmt"
	"io"
	"net"
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

func TestRawRequestsNeverLeaveTheBuild(t *testing.T) {
	srv := httptest.NewServer(built())
	defer srv.Close()
	for _, target := range []string{
		"/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/css/..%2f..%2fsite.css", "/%5c..%5c..%5cwin.ini",
		"/css/%2e%2e/index.html", "/./../index.html", "//etc/passwd", "/%00", "/css/site.css%00.html",
	} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
		reply, _ := io.ReadAll(conn)
		conn.Close()
		status := strings.SplitN(string(reply), "\r\n", 2)[0]
		if strings.Contains(status, " 200 ") && !strings.Contains(string(reply), "front") && !strings.Contains(string(reply), "body{}") {
			t.Errorf("GET %s: %s", target, status)
		}
		if strings.Contains(string(reply), "root:") {
			t.Errorf("GET %s reached a file outside the build", target)
		}
	}
}
