// Package dateline holds the default theme: the templates and static files in the
// folders of the same names at the root of this repository, embedded in the binary so
// that a site needs nothing but its content/ to build. A site's own templates/ and
// static/ replace these file by file (see internal/theme).
package dateline

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var theme embed.FS

// Theme returns the default theme, with templates/ and static/ at its root.
func Theme() fs.FS { return theme }
