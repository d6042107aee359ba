//go:build !linux

package output

// swap puts the new tree in place with two renames where no atomic exchange exists.
func swap(staging, dest string) (old string, err error) {
	return renameTwice(staging, dest)
}
