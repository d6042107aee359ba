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
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
}

// zoned are the layouts with an offset or a zone that Hugo and Jekyll accept besides RFC
// 3339, as their archives write them: "2013-01-23 19:52:42 +0000" (Jekyll's own), Hugo's
// front matter and git dates, RFC 1123 and 822 from feeds and WordPress. A zone
// abbreviation means what Go reads it as: UTC, GMT, and the site's own abbreviations
// with their offsets; any other becomes a zero offset, as time.Parse does.
var zoned = []string{
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04 -07:00",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.UnixDate, time.RubyDate, time.ANSIC,
}

// dateHint is shown with every date that cannot be read.
const dateHint = "write dates as 2024-05-01, 2024-05-01 14:30 or 2024-05-01T14:30:00-06:00"

// parseDate reads a front matter date. A date with a zone or offset keeps its instant; one
// without is in loc. The result is always in loc, so pages show the site's time.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	s = shortOffset(strings.TrimSpace(s))
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.In(loc), nil
	}
	for _, layout := range zoned {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.In(loc), nil
		}
	}
	var best error // the complaint of the layout closest to what was written
	for _, layout := range zoneless {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return t, nil
		}
		if best == nil || len(layout) == len(s) {
			best = err
		}
	}
	return time.Time{}, dateError(s, best)
}

// shortOffset writes an offset of hours alone at the end of a date, as Jekyll archives
// have it ("2015-03-17 14:00:00 -4", "+5:30" is already whole), in full: "-0400".
func shortOffset(s string) string {
	i := strings.LastIndexAny(s, "+-")
	if i < len("2006-01-02 1") || s[i-1] != ' ' {
		return s
	}
	hours := s[i+1:]
	if len(hours) == 0 || len(hours) > 2 || strings.Trim(hours, "0123456789") != "" {
		return s
	}
	if len(hours) == 1 {
		hours = "0" + hours
	}
	return s[:i+1] + hours + "00"
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
