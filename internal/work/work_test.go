package work

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryItemOnce(t *testing.T) {
	seen := make([]atomic.Int32, 1000)
	if err := Each(context.Background(), len(seen), 4, func(i int) error { seen[i].Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Fatalf("item %d ran %d times", i, n)
		}
	}
	if err := Each(context.Background(), 0, 0, func(int) error { t.Fatal("called"); return nil }); err != nil {
		t.Fatal(err)
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	err := Each(context.Background(), 10_000, 2, func(i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || ran.Load() > 1000 {
		t.Errorf("err %v after %d items", err, ran.Load())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Each(ctx, 10, 1, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}
