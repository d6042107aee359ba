package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/cli"
)

// syncBuffer is a buffer that a running command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("---\ntitle: A\ndate: 2024-01-01\n---\nText.\n"), 0o644)
	return dir
}

func TestServeServesUntilInterrupted(t *testing.T) {
	dir := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() { done <- cli.Run(ctx, []string{"serve", "--source", dir, "--port", "0"}, &stdout, &stderr) }()
	url := regexp.MustCompile(`Serving at (http://127\.0\.0\.1:\d+/)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := url.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("no URL printed:\n%s\n%s", stdout.String(), stderr.String())
	}
	resp, err := http.Get(base + "2024/01/01/a/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET article: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel() // Ctrl-C
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(stdout.String(), "Stopped.") {
			t.Errorf("exit %d, stdout %q", code, stdout.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not stop within a minute of the interrupt")
	}
}

func TestServeNamesABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	var stdout, stderr syncBuffer
	code := cli.Run(context.Background(), []string{"serve", "--source", newSite(t), "--port", port}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "127.0.0.1:"+port) || !strings.Contains(stderr.String(), "hint: ") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
