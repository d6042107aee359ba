// Package output owns where a build's files go: a folder on disk that is replaced in one
// step when the build succeeds, or memory, for the development server.
//
// A build never writes into the live output folder. Dir writes a new tree beside it and
// Commit swaps the two, so a failed or killed build leaves the old site exactly as it was.
// dateline deletes only folders that carry its marker file, which it writes first into
// every tree it creates, so a mistyped --dest can never cost a user their files.
package output

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Sink receives the files of a build. Names are slash-separated paths relative to the
// output root ("2024/05/01/water/index.html"). Write is safe for concurrent use, and
// does not keep data once it returns: a caller may reuse its buffer.
type Sink interface {
	Write(name string, data []byte) error
}

// Marker is the file that marks a folder as dateline's output, which dateline may replace.
const Marker = ".dateline-output"

// markerText is the marker's content; it never varies, so builds stay byte-identical.
const markerText = "This folder is written by dateline build, which replaces it on every build.\n" +
	"Do not keep your own files here.\n"

// checkName refuses names that could leave the output root.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") || path.Clean(name) != name {
		return fmt.Errorf("output: refusing to write %q: not a clean path inside the output folder", name)
	}
	return nil
}
