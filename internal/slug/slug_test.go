package slug

import (
	"strings"
	"testing"
)

func TestMakeSpellsTermsInCleanASCII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Peña Nieto", "pena-nieto"},
		{"ICE", "ice"},
		{"Ice", "ice"},
		{"Las Cruces, N.M.", "las-cruces-n-m"},
		{"  Water -- rights  ", "water-rights"},
		{"Reporter's notebook", "reporters-notebook"},
		{"Straße", "strasse"},
		{"Æsir & Vanir", "aesir-and-vanir"},
		{"Łódź", "lodz"},
		{"Crème brûlée", "creme-brulee"},
		{"2024 election", "2024-election"},
		{"ﬁnance", "finance"}, // ligature decomposes under NFKD
		{"東京", ""},
		{"---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMakeBoundsLength(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := Make(long)
	if len(got) > MaxLen || strings.HasSuffix(got, "-") || !strings.HasPrefix(got, "word-word") {
		t.Fatalf("Make(long) = %q (%d bytes), want at most %d bytes ending in a word", got, len(got), MaxLen)
	}
	one := strings.Repeat("x", 500)
	if got := Make(one); len(got) != MaxLen {
		t.Fatalf("Make(500 x) has %d bytes, want %d", len(got), MaxLen)
	}
}

func TestValid(t *testing.T) {
	for _, s := range []string{"a", "pena-nieto", "2024"} {
		if !Valid(s) {
			t.Errorf("Valid(%q) = false", s)
		}
	}
	for _, s := range []string{"", "A", "a--b", "-a", "a-", "a b", "../x", "é"} {
		if Valid(s) {
			t.Errorf("Valid(%q) = true", s)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Peña Nieto", "ICE", "東京", "a--b", strings.Repeat("é", 90)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if len(got) > MaxLen {
			t.Fatalf("Make(%q) = %q longer than %d", s, got, MaxLen)
		}
		if got != "" && !Valid(got) {
			t.Fatalf("Make(%q) = %q, which is not a valid slug", s, got)
		}
		if Make(got) != got {
			t.Fatalf("Make is not idempotent on %q: %q then %q", s, got, Make(got))
		}
	})
}
