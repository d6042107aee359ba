//go:build !linux

package output

import "os"

// markTop does nothing where folders cannot be marked top-level (see spread_linux.go).
func markTop(string) {}

// mkdirSpread makes a folder.
func mkdirSpread(dir string) error { return os.Mkdir(dir, 0o755) }
