package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// decl is a top-level declaration with its doc comment: one statement per
// line.
type decl []jen.Code

// result is how a method's result is typed in Go.
type result struct {
	// sig is the type in the method signatures; nil for an answer that
	// carries nothing, whose functions return only an error.
	sig jen.Code
	// wire is the type the answer is decoded into (a tolerant type).
	wire jen.Code
	// convert turns a wire value into a sig value.
	convert func(v jen.Code) jen.Code
	// zero is the zero value of sig.
	zero jen.Code
}

func same(v jen.Code) jen.Code { return v }

// returns are the results of the functions that call or serve the
// method: the result and an error, or only the error.
func (r result) returns() []jen.Code {
	if r.sig == nil {
		return []jen.Code{jen.Error()}
	}
	return []jen.Code{r.sig, jen.Error()}
}

// returning returns err, after the zero result if there is one.
func (r result) returning(err jen.Code) *jen.Statement {
	if r.sig == nil {
		return jen.Return(err)
	}
	return jen.Return(r.zero, err)
}

// methodTypes returns the declarations of a method's types, which go to
// the method's file: the request type, the types of its object members,
// then those of the result, each after the types of its members.
func methodTypes(d docs, m *analysis.Method) []decl {
	decls := objectType(d, m.Request, fmt.Sprintf("%s holds the parameters of %s.", m.Request.Name, m.Model.Name))
	for _, mem := range m.Request.Members {
		if mem.Type != nil {
			decls = append(decls, memberTypes(d, mem.Type)...)
		}
	}
	if t := m.Result.Type; t != nil {
		decls = append(decls, typeTree(d, t, fmt.Sprintf("%s is the result of %s.", t.Name, m.Model.Name))...)
	}
	return append(decls, enumTypes(m.Enums)...)
}

// typeTree returns the declarations of a type, after those of its object
// members, depth first.
func typeTree(d docs, t *analysis.Type, doc string) []decl {
	var decls []decl
	for _, mem := range t.Members {
		if mem.Type != nil {
			decls = append(decls, memberTypes(d, mem.Type)...)
		}
	}
	return append(decls, objectType(d, t, doc)...)
}

// memberTypes returns the declarations of the type of an object member.
func memberTypes(d docs, t *analysis.Type) []decl {
	return typeTree(d, t, fmt.Sprintf("%s is the %s object of %s.", t.Name, t.Of, t.Owner))
}

// resultOf maps the analysis of a result to Go: a map of the values the
// result's shape describes when the result is keyed by IDs.
func resultOf(r analysis.Result) result {
	v := valueResultOf(r)
	if r.Field == nil || !r.Field.Map {
		return v
	}
	m := keyed(v.wire)
	return result{sig: m, wire: m, zero: jen.Nil(), convert: same}
}

// valueResultOf maps the analysis of a result, or of its values when it is
// keyed by IDs, to Go.
func valueResultOf(r analysis.Result) result {
	rawMsg := jen.Qual("encoding/json", "RawMessage")
	switch r.Shape {
	case analysis.ShapeFile:
		d := jen.Op("*").Qual(runtimePath, "Download")
		return result{sig: d, wire: d, zero: jen.Nil(), convert: same}
	case analysis.ShapeEmpty:
		// nothing to decode; a batch keeps what the portal sent
		return result{wire: rawMsg}
	case analysis.ShapeDescriptors:
		d := jen.Qual(runtimePath, "FieldDescriptors")
		return result{sig: d, wire: d, zero: jen.Nil(), convert: same}
	case analysis.ShapeObject:
		name := r.Type.Name
		return result{sig: jen.Op("*").Id(name), wire: jen.Id(name), zero: jen.Nil(), convert: func(v jen.Code) jen.Code { return jen.Op("&").Add(v) }}
	case analysis.ShapeObjectList:
		name := r.Type.Name
		return result{
			sig: jen.Index().Id(name), wire: jen.Qual(runtimePath, "List").Types(jen.Id(name)), zero: jen.Nil(),
			convert: func(v jen.Code) jen.Code { return jen.Index().Id(name).Call(v) },
		}
	case analysis.ShapeValueList:
		s := scalarType(r.Field.Base, analysis.RoleAnswer)
		return result{
			sig: jen.Index().Add(s.wire), wire: jen.Qual(runtimePath, "List").Types(s.wire), zero: jen.Nil(),
			convert: func(v jen.Code) jen.Code { return jen.Index().Add(s.wire).Call(v) },
		}
	case analysis.ShapeValue:
		s := scalarType(r.Field.Base, analysis.RoleAnswer)
		if s.plain == nil {
			return result{sig: s.wire, wire: s.wire, zero: s.zero, convert: same}
		}
		plain := s.plain
		return result{sig: plain, wire: s.wire, zero: s.plainZero, convert: func(v jen.Code) jen.Code { return jen.Add(plain).Call(v) }}
	}
	return result{sig: rawMsg, wire: rawMsg, zero: jen.Nil(), convert: same}
}

// scalar is the Go form of a base type.
type scalar struct {
	// wire is the type used in structs and for decoding.
	wire jen.Code
	zero jen.Code
	// plain is the builtin type a scalar result is returned as, nil when
	// it is returned as the wire type; plainZero is its zero value.
	plain     jen.Code
	plainZero jen.Code
	// raw marks a type kept as raw JSON.
	raw bool
}

// scalarType maps a base type to Go, by the base type table. Request
// types are what callers fill in: plain Go types. Answer types are what
// portals send: tolerant types that read quoted numbers, Y/N flags, PHP's
// empty values and lists sent as objects. Types without a Go counterpart
// (objects without documented members, unions, any) stay raw JSON, so that
// nothing the portal sends is lost.
func scalarType(base model.Base, r analysis.Role) scalar {
	row, _ := model.BaseOf(base)
	goType := row.GoAnswer
	if r == analysis.RoleRequest {
		goType = row.GoRequest
	}
	if goType == "" {
		return scalar{wire: jen.Qual("encoding/json", "RawMessage"), zero: jen.Nil(), raw: true}
	}
	s := scalar{wire: goTypeCode(goType), zero: zeroValue(goType, row.Zero)}
	if r == analysis.RoleAnswer && row.GoPlain != "" {
		s.plain, s.plainZero = goTypeCode(row.GoPlain), zeroValue(row.GoPlain, row.Zero)
	}
	return s
}

// goTypeCode renders a Go type the base type table names: "b24.X" is the
// runtime's X, anything else a predeclared type.
func goTypeCode(name string) *jen.Statement {
	if rest, ok := strings.CutPrefix(name, "b24."); ok {
		return jen.Qual(runtimePath, rest)
	}
	return jen.Id(name)
}

// zeroValue renders the zero value of goType as the table spells it.
func zeroValue(goType, zero string) jen.Code {
	switch zero {
	case "0":
		return jen.Lit(0)
	case "false":
		return jen.False()
	case `""`:
		return jen.Lit("")
	}
	return goTypeCode(goType).Values()
}

// objectType returns the declarations of an object type: the struct with
// its Extra map, the set of documented keys, and the JSON methods that
// keep members the documentation does not list and read PHP's empty
// values as an empty object.
func objectType(d docs, t *analysis.Type, doc string) []decl {
	name, keys := t.Name, t.Keys
	members := structFields(d, t)
	// what Extra holds is documented once, on b24.Extra; a type says only
	// which of its documented members Extra carries too
	members = append(members, d.comment(keptNotes(t)...)...)
	members = append(members, jen.Id(analysis.ExtraField).Qual(runtimePath, "Extra").Tag(map[string]string{"json": "-"}))
	var names []jen.Code
	for _, mem := range t.Members {
		if mem.Kept == analysis.NotKept {
			names = append(names, jen.Lit(mem.Field.Name))
		}
	}
	recv := jen.Id("v")
	return []decl{
		append(d.comment(doc, inferredTypeNote(t)), jen.Type().Id(name).Struct(members...)),
		{jen.Var().Id(keys).Op("=").Qual(runtimePath, "NewKeys").Call(names...)},
		append(comment("MarshalJSON encodes the documented members, then Extra."),
			jen.Func().Params(recv.Clone().Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
				jen.Type().Id("plain").Id(name),
				jen.Return(jen.Qual(runtimePath, "MarshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot(analysis.ExtraField))),
			)),
		append(comment("UnmarshalJSON decodes the documented members and keeps the others in Extra."),
			jen.Func().Params(recv.Clone().Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error().Block(
				jen.Type().Id("plain").Id(name),
				jen.Return(jen.Qual(runtimePath, "UnmarshalObject").Call(jen.Id("b"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")), jen.Op("&").Id("v").Dot(analysis.ExtraField), jen.Id(keys))),
			)),
	}
}

// keptNotes are the paragraphs of Extra's doc comment on the documented
// fields that have no member of their own: placeholders that stand for
// many members (UF_CRM_..., <код_поля>), with their descriptions, and
// names a struct tag cannot hold.
func keptNotes(t *analysis.Type) []string {
	var out []string
	for _, mem := range t.Members {
		f := mem.Field
		switch mem.Kept {
		case analysis.KeptWildcard:
			note := "Extra also carries the members " + f.Name + " stands for"
			if d, _, _ := strings.Cut(strings.TrimSpace(f.Description), "\n\n"); d != "" {
				note += ": " + d
			} else {
				note += "."
			}
			out = append(out, note)
		case analysis.KeptBadName:
			out = append(out, fmt.Sprintf("Extra also carries the documented field %q, whose name a JSON struct tag cannot hold.", f.Name))
		}
	}
	return out
}

// structFields returns the fields of a struct type. In request types,
// parameters that are not known to be required are optional: b24.Opt for
// values, nil for lists and raw JSON, left out when unset.
func structFields(d docs, t *analysis.Type) []jen.Code {
	var out []jen.Code
	for _, mem := range t.Members {
		f := mem.Field
		if mem.Kept != analysis.NotKept {
			// documented in Extra's comment: keptNotes
			continue
		}
		typ, composite := structMemberType(mem, t.Role)
		tag := f.Name
		required := f.Required.IsRequired()
		if t.Role == analysis.RoleRequest && !required || t.Role == analysis.RoleAnswer && composite {
			tag += ",omitzero"
		}
		out = append(out, d.comment(memberDoc(f, mem.Enum, t.Role == analysis.RoleRequest && required), originNote(mem, t))...)
		out = append(out, jen.Id(mem.Name).Add(typ).Tag(map[string]string{"json": tag}))
	}
	return out
}

// inferredTypeNote is the paragraph of a type's doc comment that says its
// members come from the page's examples; "" for documented members.
func inferredTypeNote(t *analysis.Type) string {
	if !t.Inferred {
		return ""
	}
	return "The page documents no members of it: they are inferred from the page's examples, and members they do not show are kept in Extra."
}

// resultOriginDoc is the paragraph of a method's doc comment that says
// where the type of its result comes from when the page's table does not
// say it; "" when it does.
func resultOriginDoc(r analysis.Result) string {
	switch r.Origin {
	case analysis.Inferred:
		return "The page does not document the result's type: it is inferred from the page's examples."
	case analysis.Widened:
		if r.Untyped != "" {
			return "The page's examples answer results its documented type does not read, and no one type reads them all: the result is kept as raw JSON."
		}
		return "The page's examples answer results its documented type does not read: the result is typed as they show."
	case analysis.Conventional:
		return "The page shows no answer: it is typed as most of the namespace's methods like it answer where their pages show it."
	}
	return ""
}

// originNote is the paragraph of a member's doc comment that says where
// its type comes from when the page's table does not say it; "" when it
// does, and for the members of a type inferred as a whole.
func originNote(mem analysis.Member, t *analysis.Type) string {
	var notes []string
	switch {
	case t.Inferred:
	case mem.Origin == analysis.Inferred:
		notes = append(notes, "Its type is inferred from the page's examples: the page does not give it.")
	case mem.Origin == analysis.Widened && mem.Untyped != "":
		notes = append(notes, "The page's examples send values its documented type does not read, and no one type reads both: it is kept as raw JSON.")
	case mem.Origin == analysis.Widened:
		notes = append(notes, "The page's examples send values its documented type does not read: it is typed as they show.")
	}
	if mem.Relaxed {
		notes = append(notes, "The page documents it as required, but its request examples leave it out: it is optional.")
	}
	return strings.Join(notes, " ")
}

// memberDoc is the doc comment of a struct member: the field's description
// and what else its row documents.
func memberDoc(f *model.Field, enum *analysis.EnumType, required bool) string {
	doc := f.Description
	if required {
		doc = strings.TrimSpace(doc + "\n\nRequired.")
	}
	if f.Default != "" {
		doc = strings.TrimSpace(doc + "\n\nDefault: " + f.Default + ".")
	}
	switch {
	case enum != nil:
		doc = strings.TrimSpace(doc + "\n\nValues: " + strings.Join(f.Enum, ", ") + " (the constants of [" + enum.Name + "]).")
	case len(f.Enum) > 0:
		doc = strings.TrimSpace(doc + "\n\nValues: " + strings.Join(f.Enum, ", ") + ".")
	}
	if f.Type != "" && f.Type != string(f.Base) {
		doc = strings.TrimSpace(doc + "\n\nDocumented type: " + f.Type + ".")
	}
	return doc
}

// structMemberType returns the type of a member in its struct: a
// request's parameters that are not known to be required are optional,
// b24.Opt for values, nil for lists and raw JSON; and whether it is a
// list or raw JSON.
func structMemberType(mem analysis.Member, r analysis.Role) (jen.Code, bool) {
	typ, composite := memberType(mem, r)
	if r == analysis.RoleRequest && !mem.Field.Required.IsRequired() && !composite {
		typ = jen.Qual(runtimePath, "Opt").Types(typ)
	}
	return typ, composite
}

// memberType returns the Go type of a member: its enum type (a list of
// them) when it has one, the type of its field otherwise; and whether it
// is a list or raw JSON.
func memberType(mem analysis.Member, r analysis.Role) (jen.Code, bool) {
	if mem.Descriptors {
		return jen.Qual(runtimePath, "FieldDescriptors"), true
	}
	if mem.Localized {
		return jen.Qual(runtimePath, "Localized"), true
	}
	switch mem.Query {
	case analysis.QueryFilter:
		return jen.Qual(runtimePath, "Filter"), true
	case analysis.QueryOrder:
		return jen.Qual(runtimePath, "Order"), true
	}
	if mem.Flag {
		flag := *mem.Field
		flag.Base = protocol.Char
		return fieldType(&flag, nil, r)
	}
	if mem.Enum == nil {
		return fieldType(mem.Field, mem.Type, r)
	}
	elem := jen.Id(mem.Enum.Name)
	switch {
	case mem.Field.Map:
		return keyed(listOf(mem.Field, elem, r)), true
	case !mem.Field.Array:
		return elem, false
	}
	return listOf(mem.Field, elem, r), true
}

// listOf returns a list of elem when f is a list (b24.List in answers,
// which reads what PHP sends for one), elem otherwise.
func listOf(f *model.Field, elem jen.Code, r analysis.Role) jen.Code {
	switch {
	case !f.Array:
		return elem
	case r == analysis.RoleAnswer:
		return jen.Qual(runtimePath, "List").Types(elem)
	}
	return jen.Index().Add(elem)
}

// keyed returns a map of values keyed by IDs or codes (b24.Map).
func keyed(value jen.Code) jen.Code { return jen.Qual(runtimePath, "Map").Types(value) }

// fieldType returns the Go type of a field whose object type, if any, is
// t, and whether it is a list or raw JSON (which need no Opt: nil already
// means absent).
func fieldType(f *model.Field, t *analysis.Type, r analysis.Role) (jen.Code, bool) {
	var elem jen.Code
	raw := false
	if t != nil {
		elem = jen.Id(t.Name)
	} else {
		s := scalarType(f.Base, r)
		elem, raw = s.wire, s.raw
	}
	switch {
	case f.Map:
		return keyed(listOf(f, elem, r)), true
	case f.Array:
		return listOf(f, elem, r), true
	}
	return elem, raw
}

// enumTypes returns the declarations of enum types: the named type, its
// constants and the UnmarshalJSON that reads it as tolerantly as the
// runtime's String or Int, keeping values the docs do not list.
func enumTypes(enums []*analysis.EnumType) []decl {
	var decls []decl
	for _, e := range enums {
		decls = append(decls, enumType(e)...)
	}
	return decls
}

// enumBase is the underlying type of an enum type.
func enumBase(e *analysis.EnumType) *jen.Statement {
	if e.Int {
		return jen.Int64()
	}
	return jen.String()
}

// enumLit is the value of an enum constant.
func enumLit(e *analysis.EnumType, v analysis.EnumValue) *jen.Statement {
	if e.Int {
		return jen.Lit(int(v.Int))
	}
	return jen.Lit(v.Value)
}

func enumType(e *analysis.EnumType) []decl {
	base, runtime, kind := enumBase(e), "String", "string"
	if e.Int {
		runtime, kind = "Int", "integer"
	}
	doc := fmt.Sprintf("%s is the documented values of %s (%s): a %s with a constant per value. Values the documentation does not list are read and kept as they are.",
		e.Name, strings.Join(e.Fields, ", "), ownerList(e.Owners), kind)
	consts := make([]jen.Code, 0, 2*len(e.Values))
	for _, v := range e.Values {
		lit := enumLit(e, v)
		desc := fmt.Sprintf("%s is %q", v.Const, v.Value)
		if e.Int {
			desc = fmt.Sprintf("%s is %d", v.Const, v.Int)
		}
		if v.Doc != "" {
			desc += ": " + v.Doc
		} else {
			desc += "."
		}
		consts = append(consts, comment(desc)...)
		consts = append(consts, jen.Id(v.Const).Id(e.Name).Op("=").Add(lit))
	}
	recv := jen.Id("v").Op("*").Id(e.Name)
	return []decl{
		append(comment(doc), jen.Type().Id(e.Name).Add(base)),
		{jen.Const().Defs(consts...)},
		append(comment(fmt.Sprintf("UnmarshalJSON reads a value as the runtime's %s does.", runtime)),
			jen.Func().Params(recv).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error().Block(
				jen.Return(jen.Parens(jen.Op("*").Qual(runtimePath, runtime)).Call(jen.Id("v")).Dot("UnmarshalJSON").Call(jen.Id("b"))),
			)),
	}
}

// ownerList names the methods or events of an enum type, the first three
// and how many more.
func ownerList(owners []string) string {
	if len(owners) <= 3 {
		return strings.Join(owners, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(owners[:3], ", "), len(owners)-3)
}
