package protocol

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// How portals write the scalars of the base types. The runtime's tolerant
// types read values by these rules, and the analysis checks the docs'
// examples by the same ones, so that what it types is what the runtime
// reads.

// BoolText reads the text of a boolean as portals write it: 1, Y, true,
// yes, on and 0, N, false, no, off and "" (PHP's false), in any case.
func BoolText(s string) (value, ok bool) {
	switch strings.ToUpper(s) {
	case "1", "Y", "TRUE", "YES", "ON":
		return true, true
	case "0", "N", "FALSE", "NO", "OFF", "":
		return false, true
	}
	return false, false
}

// timeLayouts are the layouts of the dates and times portals write: ISO
// 8601 (its zone with or without a colon, a space for the T as RFC 3339
// allows), and the portal's own format (a site setting), with or without
// seconds. A date with slashes is month first, as US portals and the
// docs' examples write it; day first only where the day cannot be a month
// (25/12/2024), which the month-first layouts refuse. A 12-hour clock's
// hour may go without its leading zero.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"01/02/2006 3:04:05 pm",
	"01/02/2006 3:04:05 PM",
	"01/02/2006 3:04 pm",
	"01/02/2006 3:04 PM",
	"01/02/2006 15:04:05",
	"01/02/2006 15:04",
	"02/01/2006 3:04:05 pm",
	"02/01/2006 3:04:05 PM",
	"02/01/2006 3:04 pm",
	"02/01/2006 3:04 PM",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"2006-01-02",
	"02.01.2006",
	"01/02/2006",
	"02/01/2006",
}

// zeroDates are MySQL's zero date and time, which PHP sends for no date.
var zeroDates = []string{"0000-00-00 00:00:00", "0000-00-00"}

// TimeText reads a date or a date and time as portals write it; MySQL's
// zero date reads as the zero time, no date.
func TimeText(s string) (time.Time, bool) {
	if slices.Contains(zeroDates, s) {
		return time.Time{}, true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ScalarText reads a decoded request value (decoded with json.Number) as
// text: a string as it is, a number as written, a boolean as yes or no;
// ok is false for null, lists and objects.
func ScalarText(v any, yes, no string) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	case bool:
		if t {
			return yes, true
		}
		return no, true
	}
	return "", false
}

// IsArrayKey reports whether an object key is one PHP keeps as an array's
// integer key: a decimal without leading zeros or plus sign ("07", "+7"
// and "-0" stay strings). An object whose keys are all such is a PHP
// array that is not a list (keyed by ID, filtered), which the runtime's
// lists read as one, in the order sent.
func IsArrayKey(k string) bool {
	limit := "9223372036854775807" // PHP_INT_MAX
	if strings.HasPrefix(k, "-") {
		k, limit = k[1:], "9223372036854775808"
		if strings.HasPrefix(k, "0") {
			return false
		}
	}
	if k == "" || len(k) > len(limit) || k[0] == '0' && len(k) > 1 {
		return false
	}
	for i := range len(k) {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	// beyond PHP's integers a key stays a string
	return len(k) < len(limit) || k <= limit
}
