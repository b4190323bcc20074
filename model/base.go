package model

import (
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
)

// Base is a base type of the documentation: the closed set every
// documented type resolves to (protocol.Types).
type Base = protocol.Type

// BaseInfo is what one base type means to each part of b24gen, in one
// row: the other names the docs give it, the runtime's constant and Go
// types for it, and its OpenAPI schema.
type BaseInfo struct {
	Base Base
	// Spellings are the other names the docs use for it ("int", "bigint"),
	// lower-case.
	Spellings []string
	// RuntimeConst names the runtime's constant for it (b24.TypeInteger).
	RuntimeConst string
	// GoAnswer and GoRequest are the Go types of a member of an answer and
	// of a request: "b24.X" for a runtime type, a predeclared type's name,
	// or "" for raw JSON (what has no Go counterpart keeps every byte).
	GoAnswer, GoRequest string
	// GoPlain is the Go type a method whose result is a single value
	// returns ("int64" for a b24.Int); "" returns GoAnswer itself.
	GoPlain string
	// Zero is the Go zero value of GoAnswer and GoRequest: "0", "false",
	// `""` or "{}" (a struct).
	Zero string
	// OpenAPIType and OpenAPIFormat are its JSON Schema; "" for any value.
	OpenAPIType, OpenAPIFormat string
}

// bases is the table of base types, in the order of protocol.Types.
var bases = []BaseInfo{
	{Base: protocol.String, Spellings: []string{"str", "enum", "uuid", "url"}, RuntimeConst: "TypeString",
		GoAnswer: "b24.String", GoRequest: "string", GoPlain: "string", Zero: `""`, OpenAPIType: "string"},
	{Base: protocol.Text, RuntimeConst: "TypeText",
		GoAnswer: "b24.String", GoRequest: "string", GoPlain: "string", Zero: `""`, OpenAPIType: "string"},
	{Base: protocol.Integer, Spellings: []string{"int", "bigint", "long", "timestamp", "unixtime"}, RuntimeConst: "TypeInteger",
		GoAnswer: "b24.Int", GoRequest: "b24.Int", GoPlain: "int64", Zero: "0", OpenAPIType: "integer"},
	{Base: protocol.Double, Spellings: []string{"float", "number", "numeric"}, RuntimeConst: "TypeDouble",
		GoAnswer: "b24.Float", GoRequest: "b24.Float", GoPlain: "float64", Zero: "0", OpenAPIType: "number"},
	{Base: protocol.Decimal, Spellings: []string{"money"}, RuntimeConst: "TypeDecimal",
		GoAnswer: "b24.Decimal", GoRequest: "b24.Decimal", Zero: `""`, OpenAPIType: "number", OpenAPIFormat: "decimal"},
	{Base: protocol.Boolean, Spellings: []string{"bool"}, RuntimeConst: "TypeBoolean",
		GoAnswer: "b24.Bool", GoRequest: "b24.Bool", GoPlain: "bool", Zero: "false", OpenAPIType: "boolean"},
	{Base: protocol.Char, RuntimeConst: "TypeChar",
		GoAnswer: "b24.Flag", GoRequest: "b24.Flag", Zero: `""`, OpenAPIType: "string"},
	{Base: protocol.Date, RuntimeConst: "TypeDate",
		GoAnswer: "b24.Date", GoRequest: "b24.Date", Zero: "{}", OpenAPIType: "string", OpenAPIFormat: "date"},
	{Base: protocol.DateTime, RuntimeConst: "TypeDateTime",
		GoAnswer: "b24.DateTime", GoRequest: "b24.DateTime", Zero: "{}", OpenAPIType: "string", OpenAPIFormat: "date-time"},
	{Base: protocol.Time, RuntimeConst: "TypeTime",
		GoAnswer: "b24.Timing", GoRequest: "b24.Timing", Zero: "{}"},
	{Base: protocol.Object, Spellings: []string{"map", "dictionary", "struct"}, RuntimeConst: "TypeObject", OpenAPIType: "object"},
	{Base: protocol.Array, Spellings: []string{"list"}, RuntimeConst: "TypeArray", OpenAPIType: "array"},
	{Base: protocol.File, Spellings: []string{"binary"}, RuntimeConst: "TypeFile",
		GoRequest: "b24.File", Zero: "{}"},
	{Base: protocol.Any, Spellings: []string{"json", "mixed", "callable", "function"}, RuntimeConst: "TypeAny"},
}

// BaseOf returns the row of a base type; ok is false for "" and for a
// name that is not a base type.
func BaseOf(b Base) (BaseInfo, bool) {
	for _, row := range bases {
		if row.Base == b {
			return row, true
		}
	}
	return BaseInfo{}, false
}

// BaseNamed returns the base type a type name spells, by its name or one
// of its spellings, without regard to case.
func BaseNamed(name string) (Base, bool) {
	name = strings.ToLower(name)
	for _, row := range bases {
		if string(row.Base) == name {
			return row.Base, true
		}
		for _, s := range row.Spellings {
			if s == name {
				return row.Base, true
			}
		}
	}
	return "", false
}

// Bases returns the table's rows, in the order of protocol.Types.
func Bases() []BaseInfo { return append([]BaseInfo(nil), bases...) }
