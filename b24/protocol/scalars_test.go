package protocol

import (
	"encoding/json"
	"testing"
	"time"
)

func TestBoolText(t *testing.T) {
	for s, want := range map[string]bool{"Y": true, "y": true, "1": true, "true": true, "On": true, "N": false, "0": false, "": false, "off": false} {
		if got, ok := BoolText(s); !ok || got != want {
			t.Errorf("BoolText(%q) = %v, %v; want %v, true", s, got, ok, want)
		}
	}
	for _, s := range []string{"2", "maybe", "да"} {
		if _, ok := BoolText(s); ok {
			t.Errorf("BoolText(%q) reads a boolean", s)
		}
	}
}

func TestTimeText(t *testing.T) {
	for _, s := range []string{"2024-09-03T14:10:18+02:00", "2024-09-03 14:10:18", "03.09.2024 14:10:18", "2024-09-03", "03.09.2024", "09/03/2024 02:10:18 pm"} {
		if _, ok := TimeText(s); !ok {
			t.Errorf("TimeText(%q) does not read it", s)
		}
	}
	// the portal's own formats: US dates with a 24-hour time (the docs'
	// examples show them), times without seconds, and day-first dates
	// with a slash, read day first only when the day cannot be a month
	for s, want := range map[string]time.Time{
		"03/27/2026 14:18:15":    time.Date(2026, 3, 27, 14, 18, 15, 0, time.UTC),
		"03.09.2024 14:10":       time.Date(2024, 9, 3, 14, 10, 0, 0, time.UTC),
		"2024-09-03 14:10":       time.Date(2024, 9, 3, 14, 10, 0, 0, time.UTC),
		"25/12/2024":             time.Date(2024, 12, 25, 0, 0, 0, 0, time.UTC),
		"25/12/2024 18:59:00":    time.Date(2024, 12, 25, 18, 59, 0, 0, time.UTC),
		"25/12/2024 06:59:00 pm": time.Date(2024, 12, 25, 18, 59, 0, 0, time.UTC),
		"05/06/2024":             time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), // month first, as the docs' examples
		"09/03/2024 02:10 pm":    time.Date(2024, 9, 3, 14, 10, 0, 0, time.UTC),
		"09/03/2024 2:10:18 PM":  time.Date(2024, 9, 3, 14, 10, 18, 0, time.UTC),
		"25/12/2024 6:59 pm":     time.Date(2024, 12, 25, 18, 59, 0, 0, time.UTC),
		// MySQL's zero date: no date
		"0000-00-00 00:00:00": {},
		"0000-00-00":          {},
	} {
		if got, ok := TimeText(s); !ok || !got.Equal(want) {
			t.Errorf("TimeText(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "yesterday", "2024-13-40"} {
		if _, ok := TimeText(s); ok {
			t.Errorf("TimeText(%q) reads it", s)
		}
	}
}

func TestScalarText(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
		ok   bool
	}{{"x", "x", true}, {json.Number("07"), "07", true}, {true, "Y", true}, {false, "N", true}, {nil, "", false}, {[]any{}, "", false}} {
		if got, ok := ScalarText(c.v, "Y", "N"); got != c.want || ok != c.ok {
			t.Errorf("ScalarText(%#v) = %q, %v; want %q, %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

func TestIsArrayKey(t *testing.T) {
	for k, want := range map[string]bool{
		"0": true, "7": true, "37": true, "-1": true, "9223372036854775807": true,
		"": false, "07": false, "+7": false, "-0": false, "-": false, "1.0": false, "1e3": false,
		" 1": false, "ID": false, "12345678901234567890": false,
		// PHP's integers end at PHP_INT_MAX and PHP_INT_MIN: beyond, strings
		"-9223372036854775808": true, "9223372036854775808": false, "-9223372036854775809": false,
		"9999999999999999999": false,
	} {
		if got := IsArrayKey(k); got != want {
			t.Errorf("IsArrayKey(%q) = %v, want %v", k, got, want)
		}
	}
}
