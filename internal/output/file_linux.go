package output

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

type pathError = fs.PathError

// writeFile creates (or truncates) a file, writes data and returns the file's stamp. It
// uses the system calls directly: os.File would register each file with the runtime's
// poller and ask for its flags, several calls more per file, and a build writes a file
// for every page.
func writeFile(full string, data []byte) (Stamp, error) {
	fd, err := unix.Open(full, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return Stamp{}, &pathError{Op: "open", Path: full, Err: err}
	}
	for rest := data; len(rest) > 0; {
		n, err := unix.Write(fd, rest)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return Stamp{}, &pathError{Op: "write", Path: full, Err: err}
		}
		rest = rest[n:]
	}
	var st unix.Stat_t
	err = unix.Fstat(fd, &st)
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return Stamp{}, &pathError{Op: "write", Path: full, Err: err}
	}
	return Stamp{st.Size, st.Mtim.Nano()}, nil
}
