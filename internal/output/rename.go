package output

import (
	"os"
	"path/filepath"
)

// renameTwice moves the output folder aside, then the new tree into its place. Between
// the two renames the output folder is briefly missing; the next build cleans up the
// moved-aside tree if the process dies there.
func renameTwice(staging, dest string) (string, error) {
	old, err := os.MkdirTemp(filepath.Dir(dest), tempPrefix(dest, "old"))
	if err != nil {
		return "", err
	}
	os.Remove(old)
	if err := os.Rename(dest, old); err != nil {
		return "", err
	}
	if err := os.Rename(staging, dest); err != nil {
		os.Rename(old, dest)
		return "", err
	}
	return old, nil
}
