package analysis

import (
	"strings"

	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// Role says which side of a call a type is for. Request types are what
// callers fill in; answer types are what portals send, read leniently.
type Role int

const (
	RoleRequest Role = iota
	RoleAnswer
)

// Type is a Go struct type generated for documented members: a method's
// parameters, an object result, an object member of either, or an event's
// data.
type Type struct {
	// Name is the type's Go name.
	Name string
	// Keys is the variable holding the documented members' names, for
	// telling them from the members kept in Extra ("keysItemGetResult").
	Keys string
	Role Role
	// Owner is the name of the method or event the type belongs to.
	Owner string
	// Of is the documented name of the member whose type this is; "" for
	// a method's parameters and result.
	Of string
	// Fields are the documented members.
	Fields []model.Field
	// Members are the Go members, one per field, in the same order.
	Members []Member
	// Inferred is set when the page documents none of the members: they
	// are inferred from its examples (see Origin).
	Inferred bool
}

// ExtraField is the member of every generated struct that holds the
// members the documentation does not list; no documented member may take
// its name.
const ExtraField = "Extra"

// reservedMembers are the names no member of a generated struct takes:
// Extra, and the methods every generated struct has.
var reservedMembers = []string{ExtraField, "MarshalJSON", "UnmarshalJSON"}

// Member is the Go member of one documented field.
type Member struct {
	// Field is the documented field (an element of the type's Fields).
	Field *model.Field
	// Name is the member's Go name; "" when the field is kept in Extra.
	Name string
	// Kept says why a field has no member of its own.
	Kept Kept
	// Type is the type of an object field (of its elements, for a list);
	// nil for other fields.
	Type *Type
	// Enum is the type of a field whose values are documented (of its
	// elements, for a list), when the Go code types them; nil otherwise.
	Enum *EnumType
	// Descriptors marks the member of a result that holds field
	// descriptors, one per field by its name (b24.FieldDescriptors):
	// Result.Descriptors.
	Descriptors bool
	// Localized marks a field typed lang_map or string|lang_map: a text,
	// or texts by language, which the Go code types as the runtime's
	// b24.Localized (IsLocalized).
	Localized bool
	// Query marks a request's filter or order documented as an object
	// without members: the Go code types it as the runtime's filter or
	// order, which take any field (queryOf).
	Query Query
	// Flag marks a string field whose documented values are Y and N
	// alone: a flag, which the Go code types as the runtime does a char
	// (b24.Flag, with its constants Yes and No).
	Flag bool
	// Origin says where the field's type comes from: the page's table, or
	// its examples where the table says nothing or they contradict it.
	Origin Origin
	// Relaxed is set for a parameter the page documents as required that
	// one of its request examples leaves out: it is not required (the
	// field's Required says Optional).
	Relaxed bool
	// Untyped says why the Go code keeps the member as raw JSON; "" when
	// it has a type.
	Untyped string
}

// Kept is why a documented field has no Go member and is kept in Extra.
type Kept int

const (
	// NotKept: the field has a member.
	NotKept Kept = iota
	// KeptWildcard: the name is a placeholder that stands for many members
	// (UF_*, UF_CRM_..., <код_поля>, {BOT_ID}, UF_CRM_XXX): IsPlaceholder.
	KeptWildcard
	// KeptBadName: a JSON struct tag cannot hold the name.
	KeptBadName
)

// Shape is how a method's result is typed.
type Shape int

const (
	// ShapeRaw: the page does not document the result; it is kept as raw
	// JSON.
	ShapeRaw Shape = iota
	// ShapeObject: an object with documented members, of Result.Type.
	ShapeObject
	// ShapeObjectList: a list of such objects.
	ShapeObjectList
	// ShapeValue: a value of a base type (Result.Field.Base).
	ShapeValue
	// ShapeValueList: a list of such values.
	ShapeValueList
	// ShapeDescriptors: field descriptors, one per field by its name
	// (b24.FieldDescriptors), which the descriptor methods answer
	// (crm.deal.fields); Result.Keys are the fields the page documents.
	ShapeDescriptors
	// ShapeFile: a file's bytes instead of a JSON envelope (b24.Download),
	// which the methods whose page says so answer
	// (catalog.product.download); Result.Field is nil.
	ShapeFile
	// ShapeEmpty: an answer that carries nothing, which the methods answer
	// whose page gives the result no type and whose response examples show
	// it only empty (crm.item.delete: []); Result.Empty is that value.
	ShapeEmpty
)

var shapeNames = []string{"raw", "object", "object list", "value", "value list", "descriptors", "file", "empty"}

func (s Shape) String() string { return shapeNames[s] }

// Result is how a method's result is typed.
type Result struct {
	Shape Shape
	// Field is the documented result; nil for ShapeRaw.
	Field *model.Field
	// Type is the type of an object result (of its elements, for a list);
	// nil for other shapes.
	Type *Type
	// Keys are, for ShapeDescriptors, the fields the page documents, whose
	// names are the answer's keys; nil when the page documents the
	// descriptor's members instead, or nothing. For a result with a
	// Descriptors member, they are that member's keys.
	Keys []model.Field
	// Descriptors is, for ShapeObject, the name of the result's one member
	// when it holds field descriptors ({"fields": {"id": {"type": …}}}, as
	// crm.item.fields and catalog.*.getFields answer); its Member is
	// marked Descriptors. "" otherwise.
	Descriptors string
	// Origin says where the result's type comes from: the page's table,
	// or its response examples where the table says nothing (no result,
	// an object without members) or they contradict it.
	Origin Origin
	// Untyped says why the Go code keeps the result as raw JSON; "" when it
	// has a type.
	Untyped string
	// Empty is, for ShapeEmpty, the empty value the page's first response
	// example shows ([], {} or null), which a server answers.
	Empty string
}

// typeNamer names the types of one method or event and declares them in
// their package.
type typeNamer struct {
	idents *scope
	owner  Owner
	// method is the name the types are documented as belonging to.
	method string
}

// result types the documented result f, declaring an object result as
// name.
func (n typeNamer) result(name string, f *model.Field) Result {
	return n.resultFrom(name, f, nil)
}

// resultFrom types the result f, whose types come from where p says,
// declaring an object result as name.
func (n typeNamer) resultFrom(name string, f *model.Field, p *provenance) Result {
	switch {
	case f == nil:
		why := p.untypedReason()
		if why == "" {
			why = "the page documents no result"
		}
		return Result{Shape: ShapeRaw, Untyped: why}
	case f.IsObject():
		shape := ShapeObject
		if f.Array {
			shape = ShapeObjectList
		}
		return Result{Shape: shape, Field: f, Type: n.declareFrom(name, "", f.Fields, RoleAnswer, p), Origin: p.originOf()}
	case f.Array:
		return Result{Shape: ShapeValueList, Field: f, Origin: p.originOf()}
	default:
		return Result{Shape: ShapeValue, Field: f, Origin: p.originOf(), Untyped: untypedOf(f, RoleAnswer, p)}
	}
}

// untypedOf says why the Go code keeps a field's values as raw JSON, ""
// when it types them: the reason the analysis found comparing the page's
// table with its examples, or else that no example shows it.
func untypedOf(f *model.Field, r Role, p *provenance) string {
	if !isRaw(f, r) {
		return ""
	}
	if why := p.untypedReason(); why != "" {
		return why
	}
	return untypedReason(*f, &shape{}, 0, r)
}

// declare declares a struct type and, depth first, the types of its
// object members.
func (n typeNamer) declare(name, of string, fields []model.Field, r Role) *Type {
	return n.declareFrom(name, of, fields, r, nil)
}

// declareFrom declares a struct type of the members of a field whose
// types come from where p says.
func (n typeNamer) declareFrom(name, of string, fields []model.Field, r Role, p *provenance) *Type {
	t := &Type{Name: name, Keys: keysVar(name), Role: r, Owner: n.method, Of: of, Fields: fields, Inferred: p != nil && p.inferredMembers}
	n.idents.declareType(t, n.owner)
	t.Members = n.membersFrom(t, p)
	return t
}

// keysVar names the variable of a type's documented keys.
func keysVar(typeName string) string { return naming.Ident("keys "+typeName, naming.Unexported) }

// members names the members of t and declares the types of its object
// members as t's name and the member's (ItemListResultItems).
func (n typeNamer) members(t *Type) []Member {
	return n.membersFrom(t, nil)
}

// membersFrom names the members of t, whose types come from where p
// says.
func (n typeNamer) membersFrom(t *Type, p *provenance) []Member {
	names := naming.NewFields(reservedMembers...)
	out := make([]Member, len(t.Fields))
	for i := range t.Fields {
		f := &t.Fields[i]
		out[i].Field = f
		out[i].Origin = p.member(i).originOf()
		out[i].Relaxed = p.member(i).isRelaxed()
		switch {
		case IsPlaceholderField(f):
			out[i].Kept = KeptWildcard
			continue
		case !validTagName(f.Name):
			out[i].Kept = KeptBadName
			continue
		}
		out[i].Name = names.Name(f.Name)
		if f.IsObject() {
			out[i].Type = n.declareFrom(t.Name+out[i].Name, f.Name, f.Fields, t.Role, p.member(i))
		}
		out[i].Flag = isFlagField(f)
		out[i].Localized = IsLocalized(f)
		if out[i].Query = p.member(i).queryOf(); out[i].Query == QueryNone && !out[i].Localized {
			out[i].Untyped = untypedOf(f, t.Role, p.member(i))
		}
	}
	return out
}

// validTagName reports whether encoding/json can use name as a field name
// in a struct tag.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case r == '"' || r == '\\' || r == ',' || r == '`' || r < ' ':
			return false
		case r > 0x7f || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'):
		default:
			return false
		}
	}
	return true
}
