package output

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// Why the new tree is spread over the disk
//
// Without a journal, ext4 will not reuse an inode freed in the last 30 seconds or so
// while another is free, and it finds out by looking at every such inode of the inode
// group it allocates from, for every file and folder it makes. Deleting an output folder
// (rm -rf public) and building again at once is what a user does; the new files then go
// where the deleted ones were, and on this project's machine each of the 38,000 files
// and folders of a 10,000-article site cost about 400 µs of kernel time, half the CPU
// of the build (perf: find_inode_bit, recently_deleted).
//
// So the new tree is marked as a top-level folder (FS_TOPDIR_FL, chattr +T): ext4 then
// puts each folder made in it in the group with the fewest folders, searching from a
// point hashed from the folder's name. Each such folder is made under a random name and
// renamed into place, so that a build does not land, name by name, on the groups that
// the last build used and its deletion just freed. Everything below a top-level folder
// stays near it. Both are hints: where they are not supported, nothing changes.

// fsTopdirFl is FS_TOPDIR_FL of linux/fs.h.
const fsTopdirFl = 0x00020000

// markTop asks the file system to spread the folders made in dir over the disk.
func markTop(dir string) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	defer unix.Close(fd)
	if flags, err := unix.IoctlGetUint32(fd, unix.FS_IOC_GETFLAGS); err == nil && flags&fsTopdirFl == 0 {
		unix.IoctlSetPointerInt(fd, unix.FS_IOC_SETFLAGS, int(flags|fsTopdirFl))
	}
}

// mkdirSpread makes a folder of a marked tree under a random name, so that its place on
// the disk is not the one its name hashes to, and renames it into place. A folder
// already there, made by another worker, is kept.
func mkdirSpread(dir string) error {
	tmp := filepath.Join(filepath.Dir(dir), ".dateline-dir-"+strconv.FormatUint(rand.Uint64(), 36))
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return os.Mkdir(dir, 0o755)
	}
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dir, unix.RENAME_NOREPLACE)
	if err == nil {
		return nil
	}
	os.Remove(tmp)
	if errors.Is(err, unix.EEXIST) {
		return &os.PathError{Op: "mkdir", Path: dir, Err: os.ErrExist}
	}
	return os.Mkdir(dir, 0o755) // no RENAME_NOREPLACE here: make it in place
}
