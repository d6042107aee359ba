package render

import (
	"fmt"
	"strconv"
	"time"
)

// Time is a moment shown on a page, already in the site's time zone. Templates print it
// with its methods: {{.Date.ISO}} in a datetime attribute, {{.Date.Long}} for readers.
type Time struct{ time.Time }

// apMonths are the month names of AP style: short months spelled out, the rest abbreviated.
var apMonths = [...]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// ISO is the machine-readable form, for datetime attributes, feeds and JSON-LD.
func (t Time) ISO() string { return t.Format(time.RFC3339) }

// Short is the date in AP style: "Sept. 7, 2024".
func (t Time) Short() string {
	b := make([]byte, 0, 16)
	b = append(b, apMonths[t.Month()-1]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(t.Time.Day()), 10)
	b = append(b, ", "...)
	return string(strconv.AppendInt(b, int64(t.Year()), 10))
}

// Clock is the time of day in AP style: "9:05 a.m. MDT", "noon", "midnight".
func (t Time) Clock() string {
	zone, _ := t.Zone()
	h, m := t.Hour(), t.Minute()
	switch {
	case h == 12 && m == 0:
		return "noon " + zone
	case h == 0 && m == 0:
		return "midnight " + zone
	}
	suffix := "a.m."
	if h >= 12 {
		suffix = "p.m."
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	return fmt.Sprintf("%d:%02d %s %s", h12, m, suffix, zone)
}

// Long is the date and time: "Sept. 7, 2024, 9:05 a.m. MDT".
func (t Time) Long() string { return t.Short() + ", " + t.Clock() }
