package b24_test

import (
	"testing"
	"time"
)

// TestDatesInThePortalsFormatFromAPortal: a plain net/http peer answers
// fixture.item.list with dates as portals write them in their own format
// (a site setting): the generated client reads each, month first where a
// date with slashes could be either, as the docs' examples write them.
func TestDatesInThePortalsFormatFromAPortal(t *testing.T) {
	for text, want := range map[string]time.Time{
		"2024-09-03T14:10:18+02:00": time.Date(2024, 9, 3, 12, 10, 18, 0, time.UTC),
		"03/27/2026 14:18:15":       time.Date(2026, 3, 27, 14, 18, 15, 0, time.UTC),
		"12/05/2024 01:48:41 pm":    time.Date(2024, 12, 5, 13, 48, 41, 0, time.UTC),
		"25/12/2024 06:59:00 pm":    time.Date(2024, 12, 25, 18, 59, 0, 0, time.UTC),
		"11.12.2024 17:59":          time.Date(2024, 12, 11, 17, 59, 0, 0, time.UTC),
		// PHP's DATE_ISO8601 (a zone without a colon), and RFC 3339's
		// space for the T, which MySQL-minded code writes
		"2024-09-03T14:10:18+0300":  time.Date(2024, 9, 3, 11, 10, 18, 0, time.UTC),
		"2024-09-03 14:10:18+0300":  time.Date(2024, 9, 3, 11, 10, 18, 0, time.UTC),
		"2024-09-03 14:10:18+03:00": time.Date(2024, 9, 3, 11, 10, 18, 0, time.UTC),
		"2024-09-03 14:10:18Z":      time.Date(2024, 9, 3, 14, 10, 18, 0, time.UTC),
	} {
		res, err := itemsAnswered(t, `[{"id":1,"createdTime":"`+text+`"}]`)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if got := res.Items[0].CreatedTime; !got.Equal(want) {
			t.Errorf("%s: read %v, want %v", text, got, want)
		}
	}
}
