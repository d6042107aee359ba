package store

import (
	"bytes"
	"fmt"
	"testing"
)

// TestSpoolGivesBackWhatItWasGivenInMemoryAndAfterSpilling puts more than the spool
// holds in memory, in strings that straddle chunk boundaries, and reads every one back,
// from memory and from the file.
func TestSpoolGivesBackWhatItWasGivenInMemoryAndAfterSpilling(t *testing.T) {
	s := NewSpool()
	defer s.Close()
	want := map[int32][]byte{1: {}} // position 1 holds nothing, which is not the same as no bytes
	if err := s.Put(1, nil); err != nil {
		t.Fatal(err)
	}
	var total int
	for i := int32(0); total < spoolMemory+3*spoolChunk; i += 2 { // odd positions stay empty
		data := bytes.Repeat([]byte(fmt.Sprintf("<%d>", i)), 300+int(i)%700)
		if err := s.Put(i, data); err != nil {
			t.Fatal(err)
		}
		want[i] = data
		total += len(data)
	}
	if s.file == nil || s.held > spoolMemory {
		t.Fatalf("after %d bytes: file %v, %d bytes held; want a file and at most %d held", total, s.file, s.held, spoolMemory)
	}
	for i := int32(0); i < int32(len(want))*2+2; i++ {
		got, ok, err := s.AppendTo([]byte("x"), i)
		if err != nil {
			t.Fatal(err)
		}
		if w, has := want[i]; ok != has || !bytes.Equal(got, append([]byte("x"), w...)) {
			t.Fatalf("position %d: ok %v, %d bytes; want ok %v, %d bytes", i, ok, len(got)-1, has, len(w))
		}
		if s.Length(i) != len(want[i]) {
			t.Fatalf("position %d: length %d, want %d", i, s.Length(i), len(want[i]))
		}
	}
}
