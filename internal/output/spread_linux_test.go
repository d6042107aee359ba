package output

import (
	"errors"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// On file systems that keep inode flags (ext4 and others, not tmpfs), the new tree is
// marked top-level, so that the kernel spreads its folders (see spread_linux.go).
func TestNewTreeIsMarkedTopLevel(t *testing.T) {
	src := t.TempDir()
	fd, err := unix.Open(src, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	unix.Close(fd)
	if errors.Is(err, unix.ENOTTY) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EINVAL) {
		t.Skipf("%s keeps no inode flags: %v", src, err)
	}
	dest := filepath.Join(src, "public")
	if err := build(t, dest, src, map[string]string{"2024/index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	fd, err = unix.Open(dest, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS)
	if err != nil {
		t.Fatal(err)
	}
	if flags&fsTopdirFl == 0 {
		t.Errorf("output folder flags %#x lack FS_TOPDIR_FL", flags)
	}
}
