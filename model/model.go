// Package model is b24gen's intermediate representation of the Bitrix24 REST
// API: what the parser reads out of the documentation pages and what every
// emitter consumes.
//
// The model is plain data. It holds no pointers into the Markdown syntax tree,
// every collection is a slice in a deterministic order, and it round-trips
// through JSON unchanged. Its JSON form (see [API]) is a public contract
// printed by `b24gen model`.
package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
)

// Version is the version of the JSON contract. It changes only when a key is
// renamed or removed, or its meaning changes.
const Version = 1

// API is the whole documented API, or the part of it that was selected.
type API struct {
	Version int      `json:"version"`
	Methods []Method `json:"methods"`
	// Events are the events the portal sends to the handlers applications
	// bind (onCrmDealAdd), in name order.
	Events []Event `json:"events"`
}

// Event is an event the portal sends, read from its documentation page: a
// POST to the handler's URL whose members (event, event_handler_id, data,
// ts, auth) Fields describe.
type Event struct {
	// Name is the event's code as the page's H1 spells it ("onCrmDealAdd",
	// "CATALOG.PRICE.ON.ADD"); the portal sends it upper-cased.
	Name        string `json:"name"`
	Scope       string `json:"scope"`
	Title       string `json:"title"`
	Summary     string `json:"summary"`
	Permissions string `json:"permissions"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Deprecated  bool   `json:"deprecated"`
	// Fields are the members of the POST, from the table of what the
	// handler receives and the tables it links to.
	Fields []Field `json:"fields"`
	// Examples are the example payloads, of kind ExampleEvent.
	Examples []Example `json:"examples"`
}

// Method is one REST method, read from its documentation page.
type Method struct {
	// Name is the method name exactly as the page spells it,
	// e.g. "biconnector.source.delete" or "catalog.priceType.list".
	Name string `json:"name"`
	// Scope is the permission scope the page names ("biconnector").
	Scope string `json:"scope"`
	// Title is the page's H1 without the method name.
	Title string `json:"title"`
	// Summary is the first paragraph after the page's header block.
	Summary string `json:"summary"`
	// Permissions says who may call the method.
	Permissions string `json:"permissions"`
	// File is the page's path relative to the documentation root, with
	// forward slashes; Line is the line of its H1.
	File string `json:"file"`
	Line int    `json:"line"`
	// Deprecated is set when the page marks the method as no longer developed.
	Deprecated bool `json:"deprecated"`
	// API is "" for the classic REST API and "v3" for REST 3.0, which is
	// called under /rest/api/ and answers errors in its own shape. A method
	// may be documented in both, on two pages.
	API      string    `json:"api"`
	Params   []Field   `json:"params"`
	Returns  []Field   `json:"returns"`
	Errors   []Error   `json:"errors"`
	Examples []Example `json:"examples"`
	// Alternatives are the groups of parameters of which a call gives at
	// least one, in the order of their parents, then of their members;
	// the key is left out when there are none.
	Alternatives []Alternative `json:"alternatives,omitempty"`
	// AnswersFile is set when the page says the method answers with a
	// file's bytes rather than a JSON envelope ("В качестве ответа
	// приходит файл"); Returns then documents nothing.
	AnswersFile bool `json:"answersFile,omitempty"`
}

// Alternative is a group of parameters of which a call must give at least
// one: the page says one of them is enough ("Необходимо указать хотя бы
// один из параметров: `IBLOCK_ID` или `IBLOCK_CODE`"), in a description or
// a note, says one is required when another is not given ("Обязателен,
// если не передан `DIALOG_ID`"), or documents several ways to call the
// method, each requiring some of them. The parser makes each member
// optional; the group keeps what the marks meant.
type Alternative struct {
	// Parent is the path to the object whose members the group names, a
	// name a level, outermost first (["fields", "company"]); empty for
	// the method's parameters. Names are kept apart rather than joined
	// with dots, for a name may hold a dot ("fields.TITLE").
	Parent []string `json:"parent"`
	// Params are the members' names, in the order of their table.
	Params []string `json:"params"`
	// Line is the line of the page that says so: the parameter table
	// (for what its rows or those of the tables it links to say), the
	// note, or the heading of the ways to call; 0 when it is in an
	// included fragment.
	Line int `json:"line"`
}

// Members returns the fields the group names, among a method's
// parameters; nil when its parent is not a documented object.
func (a Alternative) Members(params []Field) []*Field {
	fs := params
	for _, name := range a.Parent {
		f := FindField(fs, name)
		if f == nil {
			return nil
		}
		fs = f.Fields
	}
	var out []*Field
	for _, name := range a.Params {
		if f := FindField(fs, name); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// Field is a parameter or a returned field.
type Field struct {
	Name string `json:"name"`
	// Type is the documented type without array brackets: a base type of
	// data-types.md ("integer", "string", "boolean", "time", …) or a domain
	// type ("crm_status").
	Type string `json:"type"`
	// Array is set for "type[]" and for types the page calls an array of.
	Array bool `json:"array"`
	// Map is set for an object keyed by IDs or codes, each value of the
	// type the other members describe ({"1": [events of user 1], …}): the
	// parser where the page says so ("ассоциативный массив объектов"), the
	// analysis where the table documents keys alone or the examples answer
	// so.
	Map bool `json:"map,omitempty"`
	// Base is the base type Type resolves to: one of string, text,
	// integer, double, decimal, boolean, char, date, datetime, time,
	// object, array, file, any; "" when the parser could not resolve it. A domain type
	// (crm_deal), an entity field (sale_order.id) or a page-local type
	// resolves through its definition; a union of types is "any".
	Base        Base        `json:"base"`
	Required    Requirement `json:"required"`
	Description string      `json:"description"`
	// Enum lists the values the description enumerates ("Возможные значения").
	Enum []string `json:"enum"`
	// EnumDocs says what the description says of each value, by value
	// ("`P` — на паузе"), for the values it says something of.
	EnumDocs map[string]string `json:"enumDocs,omitempty"`
	// Default is the documented default value, "" when none is documented.
	Default string `json:"default"`
	// Fields are the members of an object, from the sub-table the page
	// links to from this row.
	Fields []Field `json:"fields"`
}

// Error is a documented error code.
type Error struct {
	// Code is the value of the "error" key of the error envelope. It may be
	// numeric ("100") or empty when the page documents a case without a code.
	Code string `json:"code"`
	// Message is the English text the portal sends in error_description.
	Message string `json:"message"`
	// Description explains when the error happens.
	Description string `json:"description"`
	// Status is the documented HTTP status, 0 when the page gives none.
	Status int `json:"status"`
	// System marks the errors any method can return (the shared table of
	// system errors), as opposed to the method's own.
	System bool `json:"system"`
	// Checks are the parameter checks this error answers, as its code and
	// texts tell ("VALIDATION_ID_NOT_PROVIDED: ID is missing." answers a
	// missing id): a server answers a failed check with it.
	Checks []ErrorCheck `json:"checks"`
	// Fields are the parameters the error concerns, as the page lists
	// them ("filter.startDate"), for the tables that have a column of
	// them (REST 3.0: Поле | Описание ошибки | Как исправить).
	Fields []string `json:"fields,omitempty"`
	// Fix says how to avoid the error, when the page says it.
	Fix string `json:"fix,omitempty"`
}

// ErrorCheck is a failed parameter check an error answers.
type ErrorCheck struct {
	// Param is the parameter's path ("id", "fields.TITLE"); "" for any
	// parameter.
	Param string `json:"param"`
	// Missing: the parameter is absent or empty. Invalid: its value has the
	// wrong type or format, or is not allowed.
	Missing bool `json:"missing"`
	Invalid bool `json:"invalid"`
}

// APIv3 marks a REST 3.0 method.
const APIv3 = protocol.APIv3

// ExampleKind says what an example shows: the closed set below.
type ExampleKind string

// Example kinds.
const (
	ExampleRequest  ExampleKind = "request"
	ExampleResponse ExampleKind = "response"
	ExampleError    ExampleKind = "error"
	ExampleEvent    ExampleKind = "event"
)

// Example is a JSON example from the page.
type Example struct {
	// Kind is ExampleRequest, ExampleResponse, ExampleError or, for an
	// event, ExampleEvent.
	Kind ExampleKind `json:"kind"`
	// Title names where the example comes from, e.g. the tab "cURL (OAuth)".
	Title string `json:"title"`
	// JSON is the example, compacted.
	JSON json.RawMessage `json:"json"`
	// Line is the line of the code block the example comes from.
	Line int `json:"line"`
	// Repaired is set when the page's example was not valid JSON as
	// written (trailing commas, comments, "...") and was read leniently.
	Repaired bool `json:"repaired"`
	// Template is set when the example holds placeholders or shell
	// variables instead of values (**put_id_here**, $ID).
	Template bool `json:"template"`
}

// Requirement says whether a parameter is required. The docs mark required
// parameters with "*" and explain the mark in a footnote; a page without the
// footnote does not say, hence three states.
type Requirement int8

const (
	// RequiredUnknown: the page does not use the required-mark convention.
	RequiredUnknown Requirement = iota
	// Required: the parameter is marked with "*".
	Required
	// Optional: the page uses the convention and does not mark the parameter.
	Optional
)

// MarshalJSON encodes the requirement as true, false or null.
func (r Requirement) MarshalJSON() ([]byte, error) {
	switch r {
	case Required:
		return []byte("true"), nil
	case Optional:
		return []byte("false"), nil
	default:
		return []byte("null"), nil
	}
}

// UnmarshalJSON decodes true, false or null.
func (r *Requirement) UnmarshalJSON(b []byte) error {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		*r = Required
	case "false":
		*r = Optional
	case "null":
		*r = RequiredUnknown
	default:
		return fmt.Errorf("model: required must be true, false or null, not %s", b)
	}
	return nil
}

// IsRequired reports whether the parameter is known to be required.
func (r Requirement) IsRequired() bool { return r == Required }

// Normalize puts the API in its canonical form: methods sorted by name (case
// folded, then exact, then file, so that twins sharing a name stay apart and
// in a stable order), and empty collections as empty slices rather than nil,
// so that the JSON always carries every key.
func (a *API) Normalize() {
	a.Version = Version
	if a.Methods == nil {
		a.Methods = []Method{}
	}
	for i := range a.Methods {
		a.Methods[i].normalize()
	}
	if a.Events == nil {
		a.Events = []Event{}
	}
	for i := range a.Events {
		e := &a.Events[i]
		e.Fields = normalizeFields(e.Fields)
		if e.Examples == nil {
			e.Examples = []Example{}
		}
	}
	slices.SortStableFunc(a.Events, func(x, y Event) int {
		if c := strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)); c != 0 {
			return c
		}
		return strings.Compare(x.File, y.File)
	})
	slices.SortStableFunc(a.Methods, func(x, y Method) int {
		if c := strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)); c != 0 {
			return c
		}
		if c := strings.Compare(x.Name, y.Name); c != 0 {
			return c
		}
		if c := strings.Compare(x.API, y.API); c != 0 {
			return c
		}
		return strings.Compare(x.File, y.File)
	})
}

func (m *Method) normalize() {
	m.Params = normalizeFields(m.Params)
	m.Returns = normalizeFields(m.Returns)
	if m.Errors == nil {
		m.Errors = []Error{}
	}
	for i := range m.Errors {
		if m.Errors[i].Checks == nil {
			m.Errors[i].Checks = []ErrorCheck{}
		}
	}
	if m.Examples == nil {
		m.Examples = []Example{}
	}
	for i := range m.Alternatives {
		if m.Alternatives[i].Parent == nil {
			m.Alternatives[i].Parent = []string{}
		}
	}
	slices.SortStableFunc(m.Alternatives, func(x, y Alternative) int {
		if c := slices.Compare(x.Parent, y.Parent); c != 0 {
			return c
		}
		return slices.Compare(x.Params, y.Params)
	})
}

func normalizeFields(fs []Field) []Field {
	if fs == nil {
		return []Field{}
	}
	for i := range fs {
		fs[i].Fields = normalizeFields(fs[i].Fields)
		if fs[i].Enum == nil {
			fs[i].Enum = []string{}
		}
		fs[i].EnumDocs = enumDocsOf(fs[i].Enum, fs[i].EnumDocs)
	}
	return fs
}

// enumDocsOf keeps what docs say of the values in enum: a value the
// parser read but then found no value (a word, where numbers are
// expected) has nothing to document.
func enumDocsOf(enum []string, docs map[string]string) map[string]string {
	for v := range docs {
		if !slices.Contains(enum, v) {
			delete(docs, v)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	return docs
}

// Find returns the methods whose name equals name, ignoring case as the portal
// does.
func (a *API) Find(name string) []*Method {
	var out []*Method
	for i := range a.Methods {
		if strings.EqualFold(a.Methods[i].Name, name) {
			out = append(out, &a.Methods[i])
		}
	}
	return out
}

// IsObject reports whether the field is an object with documented members
// (or a list of them, with Array): what emitters make a type of.
func (f *Field) IsObject() bool { return f.Base == "object" && len(f.Fields) > 0 }

// FieldsByPath indexes fields and their members by dotted path
// ("fields.TITLE"). A field skip reports true for is left out with its
// members; skip may be nil.
func FieldsByPath(fs []Field, skip func(Field) bool) map[string]Field {
	out := map[string]Field{}
	var walk func(fs []Field, prefix string)
	walk = func(fs []Field, prefix string) {
		for _, f := range fs {
			if skip != nil && skip(f) {
				continue
			}
			p := f.Name
			if prefix != "" {
				p = prefix + "." + f.Name
			}
			out[p] = f
			walk(f.Fields, p)
		}
	}
	walk(fs, "")
	return out
}

// FindField returns the field called name, or nil.
func FindField(fs []Field, name string) *Field {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
	}
	return nil
}

// ResultField returns the documented result of a method: the "result" row
// of its returned data or, when the page lists the result's members
// directly, an object of them. nil means the page does not say.
func (m *Method) ResultField() *Field {
	if f := FindField(m.Returns, "result"); f != nil {
		return f
	}
	var rows []Field
	for _, f := range m.Returns {
		// rows of the envelope (time, total, next) are not the result's
		if !protocol.IsEnvelope(f.Name) {
			rows = append(rows, f)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return &Field{Name: protocol.Result, Type: "object", Base: protocol.Object, Fields: rows}
}
