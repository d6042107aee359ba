package progress

import (
	"sync"
	"testing"
)

func TestMeterCountsStepsOfTheCurrentStage(t *testing.T) {
	var m Meter
	if r := m.Read(); r != (Reading{}) {
		t.Errorf("a new meter reads %+v", r)
	}
	m.Start("reading", 3)
	m.Step()
	if r := m.Read(); r != (Reading{"reading", 1, 3}) {
		t.Errorf("after one step: %+v", r)
	}
	m.Start("writing articles", 1000)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			for range 100 {
				m.Step()
			}
		})
	}
	wg.Wait()
	if r := m.Read(); r != (Reading{"writing articles", 1000, 1000}) {
		t.Errorf("after 1000 steps on 10 goroutines: %+v", r)
	}
	m.Step()
	if r := m.Read(); r.Done != 1000 {
		t.Errorf("a step past the total reads %d done of 1000", r.Done)
	}
}

func TestANilMeterDoesNothing(t *testing.T) {
	var m *Meter
	m.Start("x", 1)
	m.Step()
	if r := m.Read(); r != (Reading{}) {
		t.Errorf("a nil meter reads %+v", r)
	}
}
