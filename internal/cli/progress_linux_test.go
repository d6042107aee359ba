package cli

import (
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openTerminal opens the two ends of a new pseudo-terminal: the end a program writes to,
// which is a terminal, and the end that reads what it wrote.
func openTerminal(t *testing.T) (tty, reader *os.File) {
	t.Helper()
	reader, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { reader.Close() })
	fd := int(reader.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty, reader
}

// On a terminal, and not --quiet, a build gets a meter and a line.
func TestProgressOnATerminalUnlessQuiet(t *testing.T) {
	tty, _ := openTerminal(t)
	e := &env{stderr: tty}
	m, stop := e.buildProgress(time.Now(), false)
	stop()
	if m == nil {
		t.Error("no progress meter on a terminal")
	}
	if m, stop := e.buildProgress(time.Now(), true); m != nil {
		stop()
		t.Error("a progress meter with --quiet")
	}
}
