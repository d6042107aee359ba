package markdown

import (
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/link"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Every image is written as
//
//	<img src="…" alt="…" loading="lazy" decoding="async" width="W" height="H" title="…">
//
// Lazy loading and async decoding keep a long article with many photos fast; width and height
// (known only for local files, through Document.ImageSize) let the browser reserve the space
// so the text does not jump as photos arrive. The title is left out inside a figure, where it
// has become the caption.

// sizeImages records the size of every local image that fn knows, as width and height
// attributes on the node, for renderImage.
func sizeImages(root ast.Node, fn func(src string) (w, h int, ok bool)) {
	if fn == nil {
		return
	}
	walk(root, func(n ast.Node) {
		img, ok := n.(*ast.Image)
		if !ok {
			return
		}
		dest := resolvedURL(img.Destination)
		if !link.IsLocal(dest) {
			return
		}
		w, h, ok := fn(localPath(dest))
		if ok && w > 0 && h > 0 {
			img.SetAttributeString("width", []byte(strconv.Itoa(w)))
			img.SetAttributeString("height", []byte(strconv.Itoa(h)))
		}
	})
}

// localPath is the file a resolved local destination names: fragment and query dropped, and
// percent-escapes decoded ("my%20photo.jpg" and "<my photo.jpg>" are both the file
// "my photo.jpg"). A malformed escape is kept as written.
func localPath(dest string) string {
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	if p, err := url.PathUnescape(dest); err == nil {
		return p
	}
	return dest
}

func (r *htmlRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.WriteString(escape(plainText(n, src)))
	_, _ = w.WriteString(`" loading="lazy" decoding="async"`)
	for _, name := range []string{"width", "height"} {
		if v, ok := n.AttributeString(name); ok {
			_, _ = w.WriteString(" " + name + `="` + string(v.([]byte)) + `"`)
		}
	}
	if n.Title != nil && n.Parent().Kind() != kindFigure {
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}
