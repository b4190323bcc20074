package parser

// This file owns diagnostics: what the parser reports of what it could
// not place, their codes, and their order.

import (
	"fmt"
	"slices"
	"strings"
)

// Severity grades a diagnostic.
type Severity int

const (
	// Warning: the page was read, but something in it could not be placed
	// and was left out of the model or read by a fallback.
	Warning Severity = iota
	// Error: the page could not be read as a method page at all.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic codes. They are stable: lint reports group by them.
const (
	CodeIncludeMissing      = "include-missing"
	CodeStrayDirective      = "stray-directive"
	CodeTableMalformed      = "table-malformed"
	CodeUntypedRow          = "untyped-row"
	CodeUnnamedRow          = "unnamed-row"
	CodeErrorWithoutCode    = "error-without-code"
	CodeExampleInvalid      = "example-invalid"
	CodeExampleDuplicateKey = "example-duplicate-key"
	CodeLinkUnresolved      = "link-unresolved"
	CodeTypeUnresolved      = "type-unresolved"
	CodeDuplicateRow        = "duplicate-row"
	CodeEventWithoutData    = "event-without-data"
	CodeNoMethodName        = "no-method-name"
	CodeUnreadable          = "unreadable"
	// CodeTypeContradictsValues: a row's type cannot hold the values it
	// lists; the values win.
	CodeTypeContradictsValues = "type-contradicts-values"
)

// Diagnostic is something the parser could not place, with the file and
// line it comes from.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	// Method is the method of the page the diagnostic belongs to, if any.
	Method string `json:"method,omitempty"`
}

// String formats the diagnostic the way compilers do: file:line: message.
func (d Diagnostic) String() string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s [%s]", d.File, d.Line, d.Severity, d.Message, d.Code)
	}
	return fmt.Sprintf("%s: %s: %s [%s]", d.File, d.Severity, d.Message, d.Code)
}

// uniqDiagnostics orders diagnostics by file and line and drops repeats
// (a fragment or type page read for several pages reports once).
func uniqDiagnostics(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.Code+a.Message, b.Code+b.Message)
	})
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return a.File == b.File && a.Line == b.Line && a.Code == b.Code && a.Message == b.Message && a.Method == b.Method
	})
}
