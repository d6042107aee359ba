package content

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// zoneless are the date layouts that carry no time zone; they are read in the site's zone.
var zoneless = []string{
	"2006-01-02",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
}

// dateHint is shown with every date that cannot be read.
const dateHint = "write dates as 2024-05-01, 2024-05-01 14:30 or 2024-05-01T14:30:00-06:00"

// parseDate reads a front matter date. A date with a zone or offset keeps its instant; one
// without is in loc. The result is always in loc, so pages show the site's time.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err == nil {
		return t.In(loc), nil
	}
	best := err // the complaint of the layout closest to what was written
	for _, layout := range zoneless {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return t, nil
		}
		if len(layout) == len(s) {
			best = err
		}
	}
	return time.Time{}, dateError(s, best)
}

// dateError keeps what time.Parse says is wrong ("month out of range") and drops the
// layout talk that means nothing to an editor.
func dateError(s string, err error) error {
	var pe *time.ParseError
	if errors.As(err, &pe) && pe.Message != "" {
		return fmt.Errorf("date %q: %s", s, strings.TrimPrefix(pe.Message, ": "))
	}
	return fmt.Errorf("date %q: not a date", s)
}
