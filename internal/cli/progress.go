package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"dateline/internal/progress"
)

// A build that runs past progressDelay shows where it is on one line of the terminal,
// redrawn every progressEvery, and clears it before the summary. Short builds, output
// that is not a terminal (a log, a pipe, CI) and --quiet get the summary alone.
const (
	progressDelay = time.Second
	progressEvery = 100 * time.Millisecond
)

// isTerminal says whether w is a terminal, where a line can be redrawn in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// showProgress draws m on w at every tick once progressDelay has passed since start (a
// tick is the time it was sent, as a time.Ticker's are), until the returned stop is
// called; stop clears the line and returns once nothing more will be drawn. Tests send
// the ticks by hand.
func showProgress(w io.Writer, m *progress.Meter, start time.Time, ticks <-chan time.Time) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		drawn := false
		for {
			select {
			case <-quit:
				if drawn {
					fmt.Fprint(w, "\r\x1b[K")
				}
				return
			case now := <-ticks:
				if elapsed := now.Sub(start); elapsed >= progressDelay {
					fmt.Fprint(w, "\r\x1b[K"+progressLine(m.Read(), elapsed))
					drawn = true
				}
			}
		}
	}()
	return func() { close(quit); <-done }
}

// progressLine is what the line says: "writing articles: 4,000 of 10,000 (40%), 3.2s".
func progressLine(r progress.Reading, elapsed time.Duration) string {
	stage := r.Stage
	if stage == "" {
		stage = "starting"
	}
	line := stage
	if r.Total > 0 {
		line += fmt.Sprintf(": %s of %s (%d%%)", thousands(r.Done), thousands(r.Total), 100*r.Done/r.Total)
	}
	return line + ", " + elapsed.Round(100*time.Millisecond).String()
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// buildProgress starts a progress line on e's stderr for a build that began at start,
// when stderr is a terminal and quiet is false; it returns the meter to give the build
// (nil when there is no line) and the stop to call before the summary.
func (e *env) buildProgress(start time.Time, quiet bool) (*progress.Meter, func()) {
	if quiet || !isTerminal(e.stderr) {
		return nil, func() {}
	}
	m := new(progress.Meter)
	ticker := time.NewTicker(progressEvery)
	stop := showProgress(e.stderr, m, start, ticker.C)
	return m, func() { stop(); ticker.Stop() }
}
