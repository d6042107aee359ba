// Package progress lets a long build say where it is. The build names its stage and
// counts what it has done of a known total on a Meter; the command line reads the Meter
// from another goroutine, at its own pace, to draw one line that updates in place.
//
// A Meter is a few atomic words: the build's workers count on it without locks, and a
// reading may mix a new stage with the old count for an instant, which a progress line can
// afford. Every method of a nil *Meter does nothing, so a build without a progress line
// (tests, the development server) pays nothing and checks nothing.
package progress

import "sync/atomic"

// Meter is the progress of one build.
type Meter struct {
	stage atomic.Pointer[string]
	done  atomic.Int64
	total atomic.Int64
}

// Start begins a stage of total steps ("writing articles", 120,000).
func (m *Meter) Start(stage string, total int) {
	if m == nil {
		return
	}
	m.done.Store(0)
	m.total.Store(int64(total))
	m.stage.Store(&stage)
}

// Step counts one step of the stage done.
func (m *Meter) Step() {
	if m != nil {
		m.done.Add(1)
	}
}

// Reading is what a Meter says at one moment.
type Reading struct {
	Stage       string // "" before the first stage
	Done, Total int
}

// Read returns the stage and its count.
func (m *Meter) Read() Reading {
	if m == nil {
		return Reading{}
	}
	r := Reading{Done: int(m.done.Load()), Total: int(m.total.Load())}
	if s := m.stage.Load(); s != nil {
		r.Stage = *s
	}
	r.Done = min(r.Done, r.Total)
	return r
}
