package b24

import (
	"fmt"
	"log/slog"
)

// Secret is a credential: a webhook token, an OAuth access or refresh
// token, an application token. It prints, logs and encodes as "***", so
// that no error message, log line or panic can carry it; only Reveal gives
// the value, where a request needs it.
type Secret string

const redacted = "***"

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String implements fmt.Stringer.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer.
func (s Secret) GoString() string { return `b24.Secret("***")` }

// Format implements fmt.Formatter, for every verb.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON encodes the secret as "***": a Secret never leaves the
// process by accident.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler, for the same reason.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
