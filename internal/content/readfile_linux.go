package content

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// readFile reads a whole file with open, fstat, read until it returns nothing, and close.
func readFile(name string) ([]byte, error) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	size := 512
	var st unix.Stat_t
	if unix.Fstat(fd, &st) == nil && st.Size > 0 {
		size = int(st.Size) + 1 // one more, so that the read that finds the end needs no growth
	}
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
	}
}
