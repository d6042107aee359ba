package render

import "testing"

func TestSeriesJoinsNamesAsABylineDoes(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string
	}{{nil, ""}, {[]string{"A"}, "A"}, {[]string{"A", "B"}, "A and B"}, {[]string{"A", "B", "C"}, "A, B and C"}} {
		if got := Series(c.names); got != c.want {
			t.Errorf("Series(%q) = %q, want %q", c.names, got, c.want)
		}
	}
}
