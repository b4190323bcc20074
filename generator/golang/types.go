package golang

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// decl is a top-level declaration with its doc comment: one statement per
// line.
type decl []jen.Code

// role says which side of a call a type is for. Request types are what
// callers fill in: plain Go types, optional values in b24.Opt. Result
// types are what portals send: tolerant types that read quoted numbers,
// Y/N flags, PHP's empty values and lists sent as objects.
type role int

const (
	request role = iota
	answer
)

// result is how a method's result is typed.
type result struct {
	// sig is the type in the method signatures.
	sig jen.Code
	// wire is the type the answer is decoded into (a tolerant type).
	wire jen.Code
	// convert turns a wire value into a sig value.
	convert func(v jen.Code) jen.Code
	// zero is the zero value of sig.
	zero jen.Code
}

func same(v jen.Code) jen.Code { return v }

// plan computes the Go types of a method and the declarations they need,
// which go to the method's file.
func (p *pkg) plan(m *method) ([]decl, error) {
	var decls []decl
	owner := m.m.Name
	fields, err := p.structFields(m.req, m.m.Params, request, owner, &decls)
	if err != nil {
		return nil, err
	}
	reqDecls := p.objectType(m.req, fmt.Sprintf("%s holds the parameters of %s.", m.req, m.m.Name), m.m.Params, fields)
	decls = append(reqDecls, decls...)
	m.result, err = p.resultType(m, m.m.ResultField(), &decls)
	if err != nil {
		return nil, err
	}
	m.list = p.listPlanOf(m)
	return decls, nil
}

// listPlan is how a list method pages, derived from its docs, and the Go
// type of its rows.
type listPlan struct {
	rows, id, key, filter, order string
	rowType                      jen.Code
}

// listPlanOf derives the paging of a list method: one that documents a
// "start" parameter or answers with "next" or "total". Its rows are the
// result when it is a list, or the one list of objects among the result's
// members (crm.item.list's items, tasks.task.list's tasks).
func (p *pkg) listPlanOf(m *method) *listPlan {
	if !isListMethod(m.m) {
		return nil
	}
	l := &listPlan{filter: paramName(m.m.Params, "filter"), order: paramName(m.m.Params, "order")}
	rf := m.m.ResultField()
	if rf == nil {
		return l
	}
	resultType := naming.Ident(strings.TrimSuffix(m.req, "Request")+" result", naming.Exported)
	rawRow := jen.Qual("encoding/json", "RawMessage")
	var row *model.Field
	switch {
	case rf.Array && rf.IsObject():
		row, l.rowType = rf, jen.Id(resultType)
	case rf.Array && rf.Base == "object":
		row, l.rowType = rf, rawRow
	case rf.IsObject():
		var lists []*model.Field
		for i := range rf.Fields {
			if f := &rf.Fields[i]; f.Array && f.Base == "object" {
				lists = append(lists, f)
			}
		}
		if len(lists) != 1 {
			return l
		}
		row, l.rows = lists[0], lists[0].Name
		l.rowType = rawRow
		if row.IsObject() {
			l.rowType = jen.Id(p.fieldTypes[resultType+"."+row.Name])
		}
	default:
		return l
	}
	l.id = rowIDName(m.m, row, l.rows)
	if l.id != "" && l.filter != "" {
		if k := filterKeyCase(m.m, l.filter, l.id); k != l.id {
			l.key = k
		}
	}
	return l
}

// filterKeyCase returns the id's name in the filter: the rows' spelling,
// or "ID" when the page's request examples filter by upper-case keys
// (tasks.task.list answers "id" but filters by "RESPONSIBLE_ID").
func filterKeyCase(m *model.Method, filter, id string) string {
	for _, ex := range m.Examples {
		if ex.Kind != model.ExampleRequest {
			continue
		}
		var req map[string]json.RawMessage
		if json.Unmarshal(ex.JSON, &req) != nil {
			continue
		}
		var f map[string]json.RawMessage
		if json.Unmarshal(req[filter], &f) != nil {
			continue
		}
		for k := range f {
			k = strings.TrimLeft(k, "<>=!%@*")
			if k != "" && strings.ToUpper(k) == k && strings.ContainsAny(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				return strings.ToUpper(id)
			}
			if k != "" && strings.ToLower(k[:1]) == k[:1] {
				return id
			}
		}
	}
	return id
}

// rowIDName returns the id member of a list's rows: from the rows' field
// table, or, when the docs describe no fields, from the rows of the
// page's response example.
func rowIDName(m *model.Method, row *model.Field, rows string) string {
	for _, name := range []string{"ID", "id"} {
		if model.FindField(row.Fields, name) != nil {
			return name
		}
	}
	if len(row.Fields) > 0 {
		return ""
	}
	for _, ex := range m.Examples {
		if ex.Kind != model.ExampleResponse {
			continue
		}
		var ans struct {
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(ex.JSON, &ans) != nil {
			continue
		}
		list := ans.Result
		if rows != "" {
			var obj map[string]json.RawMessage
			if json.Unmarshal(ans.Result, &obj) != nil {
				continue
			}
			list = obj[rows]
		}
		var elems []map[string]json.RawMessage
		if json.Unmarshal(list, &elems) != nil || len(elems) == 0 {
			continue
		}
		for _, name := range []string{"ID", "id"} {
			if _, ok := elems[0][name]; ok {
				return name
			}
		}
	}
	return ""
}

// isListMethod recognises a list method by its docs: a "start" parameter,
// or "next" or "total" in its answer.
func isListMethod(m *model.Method) bool {
	if paramName(m.Params, "start") != "" {
		return true
	}
	return model.FindField(m.Returns, "next") != nil || model.FindField(m.Returns, "total") != nil
}

// paramName returns the documented spelling of a parameter, matched
// without case ("filter", "FILTER").
func paramName(fs []model.Field, name string) string {
	for _, f := range fs {
		if strings.EqualFold(f.Name, name) {
			return f.Name
		}
	}
	return ""
}

// resultType maps the result field to Go.
func (p *pkg) resultType(m *method, f *model.Field, decls *[]decl) (result, error) {
	rawMsg := jen.Qual("encoding/json", "RawMessage")
	raw := result{sig: rawMsg, wire: rawMsg, zero: jen.Nil(), convert: same}
	if f == nil {
		return raw, nil
	}
	if f.IsObject() {
		name := naming.Ident(strings.TrimSuffix(m.req, "Request")+" result", naming.Exported)
		if err := p.declareType(name, f.Fields, answer, m.m.Name, fmt.Sprintf("%s is the result of %s.", name, m.m.Name), decls); err != nil {
			return result{}, err
		}
		if f.Array {
			return result{
				sig: jen.Index().Id(name), wire: jen.Qual(runtimePath, "List").Types(jen.Id(name)), zero: jen.Nil(),
				convert: func(v jen.Code) jen.Code { return jen.Index().Id(name).Call(v) },
			}, nil
		}
		return result{sig: jen.Op("*").Id(name), wire: jen.Id(name), zero: jen.Nil(), convert: func(v jen.Code) jen.Code { return jen.Op("&").Add(v) }}, nil
	}
	s := scalarType(f.Base, answer)
	if f.Array {
		return result{
			sig: jen.Index().Add(s.wire), wire: jen.Qual(runtimePath, "List").Types(s.wire), zero: jen.Nil(),
			convert: func(v jen.Code) jen.Code { return jen.Index().Add(s.wire).Call(v) },
		}, nil
	}
	if s.plain == nil {
		return result{sig: s.wire, wire: s.wire, zero: s.zero, convert: same}, nil
	}
	plain := s.plain
	return result{sig: plain, wire: s.wire, zero: s.plainZero, convert: func(v jen.Code) jen.Code { return jen.Add(plain).Call(v) }}, nil
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

// scalarType maps a base type to Go, by the base type table. Types
// without a Go counterpart (objects without documented members, unions,
// any) stay raw JSON, so that nothing the portal sends is lost.
func scalarType(base model.Base, r role) scalar {
	row, _ := model.BaseOf(base)
	goType := row.GoAnswer
	if r == request {
		goType = row.GoRequest
	}
	if goType == "" {
		return scalar{wire: jen.Qual("encoding/json", "RawMessage"), zero: jen.Nil(), raw: true}
	}
	s := scalar{wire: goTypeCode(goType), zero: zeroValue(goType, row.Zero)}
	if r == answer && row.GoPlain != "" {
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

// extraField is the field of every object type that holds the members the
// documentation does not list.
const extraField = "Extra"

// declareType declares an object type with its members.
func (p *pkg) declareType(name string, fields []model.Field, r role, owner, doc string, decls *[]decl) error {
	if err := p.declare(name, owner); err != nil {
		return err
	}
	members, err := p.structFields(name, fields, r, owner, decls)
	if err != nil {
		return err
	}
	*decls = append(*decls, p.objectType(name, doc, fields, members)...)
	return nil
}

// objectType returns the declarations of an object type: the struct with
// its Extra map, the set of documented keys, and the JSON methods that
// keep members the documentation does not list and read PHP's empty
// values as an empty object.
func (p *pkg) objectType(name, doc string, fields []model.Field, members []jen.Code) []decl {
	keys := naming.Ident("keys "+name, naming.Unexported)
	members = append(members, comment("Extra holds the members the documentation does not list (user fields UF_*, PARENT_ID_*, newer fields): read from answers and sent with requests as they are.")...)
	members = append(members, jen.Id(extraField).Map(jen.String()).Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "-"}))
	var names []jen.Code
	for _, f := range fields {
		if validTagName(f.Name) && !isWildcard(f.Name) {
			names = append(names, jen.Lit(f.Name))
		}
	}
	recv := jen.Id("v")
	return []decl{
		append(comment(doc), jen.Type().Id(name).Struct(members...)),
		{jen.Var().Id(keys).Op("=").Qual(runtimePath, "NewKeys").Call(names...)},
		append(comment("MarshalJSON encodes the documented members, then Extra."),
			jen.Func().Params(recv.Clone().Id(name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
				jen.Type().Id("plain").Id(name),
				jen.Return(jen.Qual(runtimePath, "MarshalObject").Call(jen.Id("plain").Call(jen.Id("v")), jen.Id("v").Dot(extraField))),
			)),
		append(comment("UnmarshalJSON decodes the documented members and keeps the others in Extra."),
			jen.Func().Params(recv.Clone().Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("b").Index().Byte()).Error().Block(
				jen.Type().Id("plain").Id(name),
				jen.Return(jen.Qual(runtimePath, "UnmarshalObject").Call(jen.Id("b"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("v")), jen.Op("&").Id("v").Dot(extraField), jen.Id(keys))),
			)),
	}
}

// structFields returns the fields of a struct type for documented fields,
// declaring the types of nested objects as <typeName><Field>. In request
// types, parameters that are not known to be required are optional:
// b24.Opt for values, nil for lists and raw JSON, left out when unset.
func (p *pkg) structFields(typeName string, fields []model.Field, r role, owner string, decls *[]decl) ([]jen.Code, error) {
	var out []jen.Code
	names := naming.NewFields(extraField)
	for _, f := range fields {
		if isWildcard(f.Name) {
			out = append(out, comment(fmt.Sprintf("Members named %s are dynamic: they are kept in Extra.", f.Name))...)
			out = append(out, jen.Line())
			continue
		}
		if !validTagName(f.Name) {
			out = append(out, comment(fmt.Sprintf("The documented field %q has a name a JSON struct tag cannot hold; it is kept in Extra.", f.Name))...)
			out = append(out, jen.Line())
			continue
		}
		id := names.Name(f.Name)
		t, composite, err := p.fieldType(typeName, id, f, r, owner, decls)
		if err != nil {
			return nil, err
		}
		tag := f.Name
		switch {
		case r == request && !f.Required.IsRequired():
			tag += ",omitzero"
			if !composite {
				t = jen.Qual(runtimePath, "Opt").Types(t)
			}
		case r == answer && composite:
			tag += ",omitzero"
		}
		doc := f.Description
		if r == request && f.Required.IsRequired() {
			doc = strings.TrimSpace(doc + "\n\nRequired.")
		}
		if f.Default != "" {
			doc = strings.TrimSpace(doc + "\n\nDefault: " + f.Default + ".")
		}
		if len(f.Enum) > 0 {
			doc = strings.TrimSpace(doc + "\n\nValues: " + strings.Join(f.Enum, ", ") + ".")
		}
		if f.Type != "" && f.Type != string(f.Base) {
			doc = strings.TrimSpace(doc + "\n\nDocumented type: " + f.Type + ".")
		}
		out = append(out, comment(doc)...)
		out = append(out, jen.Id(id).Add(t).Tag(map[string]string{"json": tag}))
	}
	return out, nil
}

// fieldType returns the Go type of member id of the struct parent, and
// whether it is a list or raw JSON (which need no Opt: nil already means
// absent). An object member gets a type of its own, <parent><id>.
func (p *pkg) fieldType(parent, id string, f model.Field, r role, owner string, decls *[]decl) (jen.Code, bool, error) {
	typeName := parent + id
	list := func(elem jen.Code) jen.Code {
		if r == answer {
			return jen.Qual(runtimePath, "List").Types(elem)
		}
		return jen.Index().Add(elem)
	}
	if f.IsObject() {
		doc := fmt.Sprintf("%s is the %s object of %s.", typeName, f.Name, owner)
		if err := p.declareType(typeName, f.Fields, r, owner, doc, decls); err != nil {
			return nil, false, err
		}
		p.fieldTypes[parent+"."+f.Name] = typeName
		if f.Array {
			return list(jen.Id(typeName)), true, nil
		}
		return jen.Id(typeName), false, nil
	}
	s := scalarType(f.Base, r)
	if f.Array {
		return list(s.wire), true, nil
	}
	return s.wire, s.raw, nil
}

// isWildcard recognises a documented name that stands for many (UF_*,
// PARENT_ID_...).
func isWildcard(name string) bool {
	return strings.ContainsAny(name, "*…") || strings.Contains(name, "...")
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
