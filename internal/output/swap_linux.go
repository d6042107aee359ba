package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// swap exchanges the new tree and the output folder in one atomic step, so that at every
// instant the output folder is either the whole old site or the whole new one. It returns
// where the old tree now is. File systems without RENAME_EXCHANGE fall back to two renames.
func swap(staging, dest string) (old string, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, staging, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err == nil {
		return staging, nil
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return renameTwice(staging, dest)
	}
	return "", err
}
