package content

import (
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"path"
	"strings"

	_ "golang.org/x/image/webp"
)

type imageSize struct{ w, h int }

// ImageSize returns the pixel size of an image file of the site, reading only its header,
// once per file however many articles use it.
func (s *Set) ImageSize(p string) (w, h int, ok bool) {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
	default:
		return 0, 0, false
	}
	if v, found := s.sizes.Load(p); found {
		sz := v.(imageSize)
		return sz.w, sz.h, sz.w > 0
	}
	var sz imageSize
	if f, err := s.fsys.Open(p); err == nil {
		if cfg, _, err := image.DecodeConfig(f); err == nil {
			sz = imageSize{cfg.Width, cfg.Height}
		}
		f.Close()
	}
	s.sizes.Store(p, sz)
	return sz.w, sz.h, sz.w > 0
}
