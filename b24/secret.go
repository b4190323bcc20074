package b24

import (
	"fmt"
	"log/slog"
)

// Secret is a credential: a webhook token, an OAuth access or refresh
// token, an application token. It prints, logs and encodes as "***", so
// that no error message, log line or panic can carry it; only Reveal gives
// the value, where a request needs it.
//
// "***" is what every fmt verb prints (%v, %+v, %#v, %s, %q, %x, %d and
// the rest, with any flags, width or precision), alone or inside exported
// struct fields, slices, arrays, maps and pointers, and in fmt's own
// reports of a bad call (%!(EXTRA …), %!d(MISSING), BADINDEX, BADWIDTH);
// what slog, encoding/json, encoding/xml (and any other user of
// encoding.TextMarshaler) and encoding/gob write; and what a panic with a
// Secret prints.
//
// A Secret is a string underneath, however, and fmt prints its raw value
// in three cases no method of the type can reach: under the verbs %p and
// %w, which fmt reports as bad verbs (%!p(b24.Secret=…)) without
// consulting the value's methods, and which print a Token, an OAuth or
// any struct holding a Secret by value the same way; in a struct that
// holds a Secret or a Token in an unexported field, whose methods fmt
// cannot call (slog's text handler prints such a struct with fmt too);
// and through the built-ins print and println. go vet reports %w applied
// to a Secret, and %p applied to a Token, in a constant format, but not
// %p applied to a Secret (it trusts Format with every verb). Hold a
// Secret in an exported field or behind a pointer (a *Secret field prints
// as an address).
//
// Decoding "***" (from JSON, text or gob) gives the Secret "***": a
// Secret never leaves the process by accident, so store a token with
// Reveal, not by encoding the Secret.
type Secret string

const redacted = "***"

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String implements fmt.Stringer.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer.
func (s Secret) GoString() string { return `b24.Secret("***")` }

// Format implements fmt.Formatter, for every verb fmt hands to it (all
// but %T, %p and %w; see Secret).
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON encodes the secret as "***": a Secret never leaves the
// process by accident.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler, for the same reason.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// GobEncode implements gob.GobEncoder, for the same reason: gob does not
// consult MarshalText, and would otherwise write the value. An empty
// Secret stays empty.
func (s Secret) GobEncode() ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	return []byte(redacted), nil
}

// GobDecode implements gob.GobDecoder, so that a gob GobEncode wrote
// decodes: to "***", as the JSON and text encodings do.
func (s *Secret) GobDecode(b []byte) error {
	*s = Secret(b)
	return nil
}
