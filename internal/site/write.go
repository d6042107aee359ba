package site

import (
	"strings"
	"sync/atomic"
)

// counts are updated from many goroutines as files are written.
type counts struct {
	pages atomic.Int64
	files atomic.Int64
}

// write puts one file into the sink at a site path ("/2024/05/01/x/index.html").
func (b *builder) write(sitePath string, data []byte) error {
	if strings.HasSuffix(sitePath, ".html") {
		b.counts.pages.Add(1)
	}
	b.counts.files.Add(1)
	return b.sink.Write(strings.TrimPrefix(sitePath, "/"), data)
}

// page renders a page of a kind with its data and writes it at a site path.
func (b *builder) page(kind string, data any, sitePath string) error {
	return b.render.Render(kind, data, func(page []byte) error { return b.write(sitePath, page) })
}
