package b24

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/b24gen/b24gen/b24/internal/jsonscan"
	"github.com/b24gen/b24gen/b24/protocol"
)

// The types below read what portals really send, which is not always what
// the documentation says: numbers arrive as numbers or as quoted strings,
// booleans as true/false, "Y"/"N" or 1/0, and an absent value as null, ""
// or an empty list. They encode in the documented form.

// Int is an integer (IDs, counts) read from a JSON number or a quoted one.
// An empty string or null reads as 0.
type Int int64

// UnmarshalJSON implements json.Unmarshaler.
func (v *Int) UnmarshalJSON(b []byte) error {
	s, ok := scalar(b)
	if !ok {
		return fmt.Errorf("b24: integer expected, got %s", clip(b))
	}
	if len(s) == 0 {
		*v = 0
		return nil
	}
	n, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		// 12.0 and 1e3 are integers too
		f, ferr := strconv.ParseFloat(string(s), 64)
		if ferr != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return fmt.Errorf("b24: integer expected, got %s", clip(b))
		}
		n = int64(f)
	}
	*v = Int(n)
	return nil
}

// String returns the decimal form.
func (v Int) String() string { return strconv.FormatInt(int64(v), 10) }

// Float is a floating-point number read from a JSON number or a quoted one.
type Float float64

// UnmarshalJSON implements json.Unmarshaler.
func (v *Float) UnmarshalJSON(b []byte) error {
	s, ok := scalar(b)
	if !ok {
		return fmt.Errorf("b24: number expected, got %s", clip(b))
	}
	if len(s) == 0 {
		*v = 0
		return nil
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		// NaN and Inf parse, but are no JSON numbers
		return fmt.Errorf("b24: number expected, got %s", clip(b))
	}
	*v = Float(f)
	return nil
}

// Bool is a boolean read from true/false, "Y"/"N", 1/0 and their quoted
// forms. It encodes as a JSON boolean.
type Bool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *Bool) UnmarshalJSON(b []byte) error {
	t, ok := parseBool(b)
	if !ok {
		return fmt.Errorf("b24: boolean expected, got %s", clip(b))
	}
	*v = Bool(t)
	return nil
}

// Flag is a "char" field: in the docs almost always "Y" or "N". It keeps any
// letter the portal sends and reads JSON booleans as "Y"/"N".
type Flag string

// The two values of a Y/N flag.
const (
	Yes Flag = "Y"
	No  Flag = "N"
)

// UnmarshalJSON implements json.Unmarshaler.
func (v *Flag) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "true":
		*v = Yes
		return nil
	case "false":
		*v = No
		return nil
	}
	s, ok := scalar(b)
	if !ok {
		return fmt.Errorf("b24: Y/N flag expected, got %s", clip(b))
	}
	switch string(s) {
	case "Y":
		*v = Yes
	case "N":
		*v = No
	default:
		*v = Flag(s)
	}
	return nil
}

// Bool reports whether the flag is set ("Y", "1", "true").
func (v Flag) Bool() bool {
	switch strings.ToUpper(string(v)) {
	case "Y", "1", "TRUE":
		return true
	}
	return false
}

// Date is a calendar date ("2024-09-03"). The zero Date encodes as "".
type Date struct{ time.Time }

// DateTime is a date and time ("2024-09-03T14:10:18+02:00"). The zero
// DateTime encodes as "".
type DateTime struct{ time.Time }

func parseTimeText(b []byte, what string) (time.Time, error) {
	b = bytes.TrimSpace(b)
	if string(b) == "false" || isEmptyJSON(b) {
		// PHP's "no date"
		return time.Time{}, nil
	}
	s, ok := scalar(b)
	if !ok {
		return time.Time{}, fmt.Errorf("b24: %s expected, got %s", what, clip(b))
	}
	if len(s) == 0 {
		return time.Time{}, nil
	}
	if t, ok := protocol.TimeText(string(s)); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("b24: %s expected, got %s", what, clip(b))
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Date) UnmarshalJSON(b []byte) error {
	t, err := parseTimeText(b, "date")
	d.Time = t
	return err
}

// MarshalJSON implements json.Marshaler.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte(`""`), nil
	}
	return []byte(`"` + d.Format(time.DateOnly) + `"`), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	t, err := parseTimeText(b, "date and time")
	d.Time = t
	return err
}

// MarshalJSON implements json.Marshaler.
func (d DateTime) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte(`""`), nil
	}
	// fractions of a second as read, none for whole seconds
	return []byte(`"` + d.Format(time.RFC3339Nano) + `"`), nil
}

// Opt is an optional value: the zero Opt is absent and is left out of the
// request (with the `omitzero` option every generated field carries), while
// a set Opt is sent even when its value is 0, false or "".
type Opt[T any] struct {
	Value T
	Set   bool
}

// Some returns a set Opt.
func Some[T any](v T) Opt[T] { return Opt[T]{Value: v, Set: true} }

// Get returns the value and whether it is set.
func (o Opt[T]) Get() (T, bool) { return o.Value, o.Set }

// IsZero reports whether the value is absent, for `omitzero`.
func (o Opt[T]) IsZero() bool { return !o.Set }

// MarshalJSON implements json.Marshaler.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.Set {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// UnmarshalJSON implements json.Unmarshaler. A JSON null leaves it absent.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*o = Opt[T]{}
		return nil
	}
	o.Set = true
	return json.Unmarshal(b, &o.Value)
}

// Timing is the "time" object of every answer.
type Timing struct {
	Start      Float  `json:"start"`
	Finish     Float  `json:"finish"`
	Duration   Float  `json:"duration"`
	Processing Float  `json:"processing"`
	DateStart  string `json:"date_start"`
	DateFinish string `json:"date_finish"`
	// Operating is the method's operating time used in the current window,
	// in seconds; OperatingResetAt is when the window resets (Unix time).
	Operating        Float `json:"operating,omitzero"`
	OperatingResetAt Int   `json:"operating_reset_at,omitzero"`
}

// UnmarshalJSON reads the members it knows with the runtime's scalar
// types, without encoding/json's decoder: every answer has one. A member
// that does not read is left zero, as the portal's bookkeeping it is.
func (t *Timing) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' || !json.Valid(b) {
		*t = Timing{}
		if string(b) == "null" || isEmptyJSON(b) {
			return nil
		}
		return fmt.Errorf("b24: time expected, got %s", clip(b))
	}
	*t = Timing{}
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		name, _ := memberName(key, escaped)
		switch string(name) {
		case "start":
			_ = t.Start.UnmarshalJSON(value)
		case "finish":
			_ = t.Finish.UnmarshalJSON(value)
		case "duration":
			_ = t.Duration.UnmarshalJSON(value)
		case "processing":
			_ = t.Processing.UnmarshalJSON(value)
		case "operating":
			_ = t.Operating.UnmarshalJSON(value)
		case "operating_reset_at":
			_ = t.OperatingResetAt.UnmarshalJSON(value)
		case "date_start":
			t.DateStart = timingText(value)
		case "date_finish":
			t.DateFinish = timingText(value)
		}
		return true
	})
	return nil
}

// timingText reads a text member of the time, "" when it is none.
func timingText(v []byte) string {
	var s String
	if s.UnmarshalJSON(v) != nil {
		return ""
	}
	return string(s)
}

// scalar returns the text of a JSON number, string, boolean or null
// (null reads as ""), trimmed of spaces, without copying it when it can.
// It refuses objects and arrays, except an empty array, which PHP sends for
// an empty value. The result may alias b: callers that keep it copy it.
func scalar(b []byte) ([]byte, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, false
	}
	switch b[0] {
	case '"':
		if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b[1:len(b)-1], '\\') < 0 && utf8.Valid(b) {
			return bytes.TrimSpace(b[1 : len(b)-1]), true
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, false
		}
		return []byte(strings.TrimSpace(s)), true
	case '{':
		return nil, false
	case '[':
		return nil, isEmptyJSON(b)
	case 'n':
		return nil, string(b) == "null"
	case 't', 'f':
		if string(b) == "true" {
			return one, true
		}
		return zero, string(b) == "false"
	}
	return b, true
}

// The texts of true and false; never written to.
var one, zero = []byte("1"), []byte("0")

func parseBool(b []byte) (bool, bool) {
	s, ok := scalar(b)
	if !ok {
		return false, false
	}
	return protocol.BoolText(string(s))
}

// clip shortens a value quoted in an error message.
func clip(b []byte) string {
	const max = 40
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
