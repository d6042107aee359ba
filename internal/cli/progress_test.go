package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"dateline/internal/progress"
)

func TestProgressLineAppearsAfterASecondAndIsClearedAtTheEnd(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	var m progress.Meter
	ticks := make(chan time.Time)
	stop := showProgress(&out, &m, start, ticks)
	m.Start("reading articles", 12000)
	ticks <- start.Add(900 * time.Millisecond)
	stop()
	if out.Len() != 0 {
		t.Fatalf("drew %q before a second had passed", out.String())
	}
	stop = showProgress(&out, &m, start, ticks)
	m.Start("writing articles", 12000)
	for range 4500 {
		m.Step()
	}
	ticks <- start.Add(2300 * time.Millisecond)
	stop()
	want := "\r\x1b[Kwriting articles: 4,500 of 12,000 (37%), 2.3s\r\x1b[K"
	if out.String() != want {
		t.Errorf("drew %q, want %q", out.String(), want)
	}
}

func TestAShortBuildDrawsNothing(t *testing.T) {
	start := time.Now()
	var out bytes.Buffer
	ticks := make(chan time.Time)
	stop := showProgress(&out, new(progress.Meter), start, ticks)
	for _, ms := range []int{100, 500, 999} {
		ticks <- start.Add(time.Duration(ms) * time.Millisecond)
	}
	stop()
	if out.Len() != 0 {
		t.Errorf("a build under a second drew %q", out.String())
	}
}

func TestProgressLineReadsAsAStageAndACount(t *testing.T) {
	for _, c := range []struct {
		r    progress.Reading
		want string
	}{
		{progress.Reading{}, "starting, 1.2s"},
		{progress.Reading{Stage: "saving the build store"}, "saving the build store, 1.2s"},
		{progress.Reading{Stage: "writing articles", Done: 999999, Total: 1000000}, "writing articles: 999,999 of 1,000,000 (99%), 1.2s"},
	} {
		if got := progressLine(c.r, 1234*time.Millisecond); got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
	}
}

// Output that is not a terminal gets no progress line and the build no meter.
func TestNoProgressWhenStderrIsNotATerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, w := range []*env{{stderr: new(bytes.Buffer)}, {stderr: null}} {
		if m, stop := w.buildProgress(time.Now(), false); m != nil {
			stop()
			t.Errorf("%T: a meter for output that is not a terminal", w.stderr)
		}
	}
	if strings.Contains(progressLine(progress.Reading{}, 0), "\x1b") {
		t.Error("the line itself holds escapes")
	}
}
