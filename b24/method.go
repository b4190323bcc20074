package b24

import (
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
)

// Type is a base type of the documentation (data-types.md). Domain types
// the runtime does not know are carried as their documented name and are
// not checked.
type Type = protocol.Type

// The base types.
const (
	TypeString   = protocol.String
	TypeText     = protocol.Text
	TypeInteger  = protocol.Integer
	TypeDouble   = protocol.Double
	TypeDecimal  = protocol.Decimal
	TypeBoolean  = protocol.Boolean
	TypeChar     = protocol.Char
	TypeDate     = protocol.Date
	TypeDateTime = protocol.DateTime
	TypeTime     = protocol.Time
	TypeObject   = protocol.Object
	TypeArray    = protocol.Array
	TypeFile     = protocol.File
	TypeAny      = protocol.Any
)

// Param describes a parameter of a method, as the generated server checks
// it before the implementation runs.
type Param struct {
	Name  string
	Type  Type
	Array bool
	// Map is set for an object keyed by IDs or codes, each value as the
	// rest of the descriptor says (Type, Array, Fields, Enum).
	Map      bool
	Required bool
	// Enum lists the documented values; empty when any value goes.
	Enum []string
	// Fields describe the members of an object parameter.
	Fields []Param
	// Alternatives are the groups of members of an object parameter of
	// which it gives at least one, by name (see Method.Alternatives).
	Alternatives [][]string
}

// ErrorInfo is an error code a method documents.
type ErrorInfo struct {
	Code    ErrorCode
	Status  int
	Message string
	// Checks are the failed parameter checks the docs answer with this
	// code; a generated server answers them with it.
	Checks []ParamCheck
}

// ParamCheck is a failed parameter check: a parameter (its path, "id" or
// "fields.TITLE"; "" for any) missing, or with a value of the wrong type,
// format or not allowed.
type ParamCheck struct {
	Param   string
	Missing bool
	Invalid bool
}

// APIv3 is the API of REST 3.0 methods.
const APIv3 = protocol.APIv3

// Method describes a REST method to the runtime. Generated packages declare
// one per documented method; the runtime reads it to call, check and answer.
type Method struct {
	Name  string
	Scope string
	// API is "" for the classic REST API and "v3" for REST 3.0 (called
	// under /rest/api/).
	API    string
	Params []Param
	// Alternatives are the groups of parameters of which a call gives at
	// least one, by name ({"IBLOCK_ID", "IBLOCK_CODE"}): the docs mark
	// each required and say one is enough. A generated server refuses a
	// call that gives none of a group, as a missing required parameter.
	// The groups of an object's members are on its Param.
	Alternatives [][]string
	Errors       []ErrorInfo
	// Read is set for methods that only read data; their calls are safe to
	// repeat.
	Read bool
	// List is set for list methods: how they page.
	List *ListSpec
	// File is set for methods that answer with a file's bytes rather than
	// a JSON envelope (catalog.product.download): Client.Download calls
	// them, and a server answers them with a *Download.
	File bool
	// NewRequest and NewResult return a new value of the method's request
	// type and of the type its result decodes into, for code that handles
	// methods generically (replaying examples, fakes, gateways).
	NewRequest func() any
	NewResult  func() any
}

// ErrorInfo returns what the method documents for a code, ignoring case,
// and falls back to the system error table and the codes a portal answers
// outside it (ERROR_METHOD_NOT_FOUND).
func (m *Method) ErrorInfo(code string) (ErrorInfo, bool) {
	if m != nil {
		for _, e := range m.Errors {
			if strings.EqualFold(string(e.Code), code) {
				return e, true
			}
		}
	}
	if e, ok := knownError(code); ok {
		return ErrorInfo{Code: e.Code, Status: e.Status, Message: e.Message}, true
	}
	return ErrorInfo{}, false
}
