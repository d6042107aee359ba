//go:build !linux

package output

import "os"

// writeFile creates (or truncates) a file, writes data and returns the file's stamp.
func writeFile(full string, data []byte) (Stamp, error) {
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return Stamp{}, err
	}
	info, err := os.Lstat(full)
	if err != nil {
		return Stamp{}, err
	}
	return Stamp{info.Size(), info.ModTime().UnixNano()}, nil
}
