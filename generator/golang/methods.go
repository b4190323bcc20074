package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/internal/naming"
	"github.com/b24gen/b24gen/model"
)

// decl is a top-level declaration with its doc comment: one statement per
// line.
type decl []jen.Code

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

// envelopeFields are returned-data rows that describe the answer envelope,
// not the result.
var envelopeFields = map[string]bool{"time": true, "total": true, "next": true}

// resultField returns the documented result: the "result" row of the
// returned data or, when the page lists the result's fields directly, an
// object of them. nil means the page does not say.
func resultField(m *model.Method) *model.Field {
	if f := model.FindField(m.Returns, "result"); f != nil {
		return f
	}
	var rows []model.Field
	for _, f := range m.Returns {
		if !envelopeFields[f.Name] {
			rows = append(rows, f)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return &model.Field{Name: "result", Type: "object", Fields: rows}
}

// plan computes the Go names and types of a method, and the type
// declarations it needs, which go to the method's file.
func (p *pkg) plan(m *method) ([]decl, error) {
	var decls []decl
	owner := m.m.Name
	reqDoc := fmt.Sprintf("%s holds the parameters of %s.", m.req, m.m.Name)
	fields, err := p.structFields(m.req, m.m.Params, true, owner, &decls)
	if err != nil {
		return nil, err
	}
	req := decl(append(comment(reqDoc), jen.Type().Id(m.req).Struct(fields...)))
	decls = append([]decl{req}, decls...)

	rf := resultField(m.m)
	m.result, err = p.resultType(m, rf, &decls)
	if err != nil {
		return nil, err
	}
	return decls, nil
}

// resultType maps the result field to Go.
func (p *pkg) resultType(m *method, f *model.Field, decls *[]decl) (result, error) {
	raw := result{sig: jen.Qual("encoding/json", "RawMessage"), wire: jen.Qual("encoding/json", "RawMessage"), zero: jen.Nil()}
	raw.convert = func(v jen.Code) jen.Code { return v }
	if f == nil {
		return raw, nil
	}
	if len(f.Fields) > 0 {
		name := naming.Ident(strings.TrimSuffix(m.req, "Request")+" result", naming.Exported)
		if err := p.declare(name, m.m.Name); err != nil {
			return result{}, err
		}
		fields, err := p.structFields(name, f.Fields, false, m.m.Name, decls)
		if err != nil {
			return result{}, err
		}
		*decls = append(*decls, append(comment(fmt.Sprintf("%s is the result of %s.", name, m.m.Name)), jen.Type().Id(name).Struct(fields...)))
		if f.Array {
			t := jen.Index().Id(name)
			return result{sig: t, wire: jen.Index().Id(name), zero: jen.Nil(), convert: func(v jen.Code) jen.Code { return v }}, nil
		}
		return result{
			sig: jen.Op("*").Id(name), wire: jen.Id(name), zero: jen.Nil(),
			convert: func(v jen.Code) jen.Code { return jen.Op("&").Add(v) },
		}, nil
	}
	if f.Array {
		t := scalarType(f.Type).wire
		return result{sig: jen.Index().Add(t), wire: jen.Index().Add(t), zero: jen.Nil(), convert: func(v jen.Code) jen.Code { return v }}, nil
	}
	s := scalarType(f.Type)
	if s.plain == nil {
		return result{sig: s.wire, wire: s.wire, zero: s.zero, convert: func(v jen.Code) jen.Code { return v }}, nil
	}
	plain := s.plain
	return result{sig: plain, wire: s.wire, zero: s.zero, convert: func(v jen.Code) jen.Code { return jen.Add(plain).Call(v) }}, nil
}

// scalar is the Go form of a documented scalar type.
type scalar struct {
	// wire is the tolerant type used in structs and for decoding.
	wire jen.Code
	// plain is the builtin type a scalar result is returned as, nil when
	// the result is returned as the wire type.
	plain jen.Code
	zero  jen.Code
	// raw marks a type kept as raw JSON.
	raw bool
}

// scalarType maps a documented type to Go. Types the runtime has no Go
// type for (domain types, objects without documented fields) stay raw JSON,
// so that nothing the portal sends is lost.
func scalarType(t string) scalar {
	q := func(name string) jen.Code { return jen.Qual(runtimePath, name) }
	switch strings.ToLower(t) {
	case "integer", "int", "bigint":
		return scalar{wire: q("Int"), plain: jen.Int64(), zero: jen.Lit(0)}
	case "double", "float", "number", "decimal":
		return scalar{wire: q("Float"), plain: jen.Float64(), zero: jen.Lit(0)}
	case "boolean", "bool":
		return scalar{wire: q("Bool"), plain: jen.Bool(), zero: jen.False()}
	case "char":
		return scalar{wire: q("Flag"), zero: jen.Lit("")}
	case "string", "text":
		return scalar{wire: jen.String(), zero: jen.Lit("")}
	case "date":
		return scalar{wire: q("Date"), zero: jen.Qual(runtimePath, "Date").Values()}
	case "datetime":
		return scalar{wire: q("DateTime"), zero: jen.Qual(runtimePath, "DateTime").Values()}
	case "time":
		return scalar{wire: q("Timing"), zero: jen.Qual(runtimePath, "Timing").Values()}
	}
	return scalar{wire: jen.Qual("encoding/json", "RawMessage"), zero: jen.Nil(), raw: true}
}

// structFields returns the fields of a struct type for documented fields,
// declaring the types of nested objects as <typeName><Field>. Parameters
// that are not known to be required are optional: b24.Opt for values,
// nil for lists and raw JSON, left out of the request when unset.
func (p *pkg) structFields(typeName string, fields []model.Field, params bool, owner string, decls *[]decl) ([]jen.Code, error) {
	var out []jen.Code
	used := map[string]bool{}
	for _, f := range fields {
		if !validTagName(f.Name) {
			out = append(out, comment(fmt.Sprintf("The documented field %q has a name a JSON struct tag cannot hold; it is not part of this type.", f.Name))...)
			continue
		}
		id := naming.Ident(f.Name, naming.Exported)
		for n := 2; used[id]; n++ {
			id = naming.Ident(fmt.Sprintf("%s %d", f.Name, n), naming.Exported)
		}
		used[id] = true
		t, composite, err := p.fieldType(typeName+id, f, params, owner, decls)
		if err != nil {
			return nil, err
		}
		tag := f.Name
		optional := params && !f.Required.IsRequired()
		if optional {
			tag += ",omitzero"
			if !composite {
				t = jen.Qual(runtimePath, "Opt").Types(t)
			}
		}
		doc := f.Description
		if params && f.Required.IsRequired() {
			doc = strings.TrimSpace(doc + "\n\nRequired.")
		}
		if f.Default != "" {
			doc = strings.TrimSpace(doc + "\n\nDefault: " + f.Default + ".")
		}
		if len(f.Enum) > 0 {
			doc = strings.TrimSpace(doc + "\n\nValues: " + strings.Join(f.Enum, ", ") + ".")
		}
		out = append(out, comment(doc)...)
		out = append(out, jen.Id(id).Add(t).Tag(map[string]string{"json": tag}))
	}
	return out, nil
}

// fieldType returns the Go type of a field and whether it is a list or raw
// JSON (which need no Opt: nil already means absent).
func (p *pkg) fieldType(typeName string, f model.Field, params bool, owner string, decls *[]decl) (jen.Code, bool, error) {
	if len(f.Fields) > 0 {
		if err := p.declare(typeName, owner); err != nil {
			return nil, false, err
		}
		fields, err := p.structFields(typeName, f.Fields, params, owner, decls)
		if err != nil {
			return nil, false, err
		}
		doc := fmt.Sprintf("%s is the %s object of %s.", typeName, f.Name, owner)
		*decls = append(*decls, append(comment(doc), jen.Type().Id(typeName).Struct(fields...)))
		if f.Array {
			return jen.Index().Id(typeName), true, nil
		}
		return jen.Id(typeName), false, nil
	}
	s := scalarType(f.Type)
	if f.Array {
		return jen.Index().Add(s.wire), true, nil
	}
	return s.wire, s.raw, nil
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

// methodDoc is the doc comment of a method's client function.
func methodDoc(m *method) []string {
	mm := m.m
	head := fmt.Sprintf("%s calls %s", m.name, mm.Name)
	if mm.Title != "" {
		head += ": " + mm.Title
	}
	paras := []string{head + "."}
	if mm.Summary != "" {
		paras = append(paras, mm.Summary)
	}
	var meta []string
	if mm.Scope != "" {
		meta = append(meta, "Scope: "+mm.Scope+".")
	}
	if mm.Permissions != "" {
		meta = append(meta, "Who can call it: "+mm.Permissions+".")
	}
	meta = append(meta, "Documented in "+mm.File+".")
	paras = append(paras, strings.Join(meta, "\n"))
	if mm.Deprecated {
		paras = append(paras, "Deprecated: the documentation marks this method as no longer developed.")
	}
	return paras
}

// emitMethod writes a method's declarations, descriptor, client function
// and batch helper.
func (p *pkg) emitMethod(f *jen.File, m *method, codes *errorCodes) error {
	decls, err := p.plan(m)
	if err != nil {
		return err
	}
	for _, d := range decls {
		for _, c := range d {
			f.Add(c)
		}
		f.Line()
	}
	// the descriptor
	for _, c := range comment(fmt.Sprintf("%s describes %s to the runtime.", m.spec, m.m.Name)) {
		f.Add(c)
	}
	f.Var().Id(m.spec).Op("=").Op("&").Qual(runtimePath, "Method").Add(p.specValues(m, codes))
	f.Line()
	// the client function
	for _, c := range comment(methodDoc(m)...) {
		f.Add(c)
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(m.name).
		Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(m.req)).
		Params(m.result.sig, jen.Error()).Block(
		jen.Var().Id("res").Add(m.result.wire),
		jen.If(jen.Err().Op(":=").Id("c").Dot("rt").Dot("Call").Call(jen.Id("ctx"), jen.Id(m.spec), jen.Id("req"), jen.Op("&").Id("res")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(m.result.zero, jen.Err()),
		),
		jen.Return(m.result.convert(jen.Id("res")), jen.Nil()),
	)
	f.Line()
	// the batch helper
	for _, c := range comment(fmt.Sprintf("Batch%s adds a %s call to b under key; its result is available once the batch has run.", m.name, m.m.Name)) {
		f.Add(c)
	}
	f.Func().Id("Batch"+m.name).
		Params(jen.Id("b").Op("*").Qual(runtimePath, "Batch"), jen.Id("key").String(), jen.Id("req").Op("*").Id(m.req)).
		Op("*").Qual(runtimePath, "BatchCall").Types(m.result.wire).Block(
		jen.Return(jen.Qual(runtimePath, "AddCall").Types(m.result.wire).Call(jen.Id("b"), jen.Id("key"), jen.Id(m.spec), jen.Id("req"))),
	)
	return nil
}

// specValues is the b24.Method literal of a method.
func (p *pkg) specValues(m *method, codes *errorCodes) *jen.Statement {
	var scope, read, params, errs jen.Code
	if m.m.Scope != "" {
		scope = jen.Lit(m.m.Scope)
	}
	if isRead(m.m.Name) {
		read = jen.True()
	}
	if len(m.m.Params) > 0 {
		params = paramList(m.m.Params)
	}
	var infos []jen.Code
	seen := map[string]bool{}
	for _, e := range m.m.Errors {
		key := strings.ToLower(e.Code)
		if e.System || e.Code == "" || seen[key] {
			continue
		}
		seen[key] = true
		infos = append(infos, errorInfo(codes.ident(e.Code), e.Status, e.Message))
	}
	if len(infos) > 0 {
		errs = jen.Index().Qual(runtimePath, "ErrorInfo").ValuesFunc(func(g *jen.Group) {
			for _, e := range infos {
				g.Line().Add(e)
			}
			g.Line()
		})
	}
	newReq := jen.Func().Params().Any().Block(jen.Return(jen.New(jen.Id(m.req))))
	newRes := jen.Func().Params().Any().Block(jen.Return(jen.New(m.result.wire)))
	return orderedValues(kv{"Name", jen.Lit(m.m.Name)}, kv{"Scope", scope}, kv{"Read", read}, kv{"Params", params}, kv{"Errors", errs},
		kv{"NewRequest", newReq}, kv{"NewResult", newRes})
}

// errorInfo is a b24.ErrorInfo literal.
func errorInfo(ident string, status int, message string) jen.Code {
	var st, msg jen.Code
	if status != 0 {
		st = jen.Lit(status)
	}
	if message != "" {
		msg = jen.Lit(message)
	}
	return orderedValues(kv{"Code", jen.Id(ident)}, kv{"Status", st}, kv{"Message", msg})
}

// paramList is the []b24.Param literal of documented parameters.
func paramList(fields []model.Field) jen.Code {
	return jen.Index().Qual(runtimePath, "Param").ValuesFunc(func(g *jen.Group) {
		for _, f := range fields {
			var array, required, enum, sub jen.Code
			if f.Array {
				array = jen.True()
			}
			if f.Required.IsRequired() {
				required = jen.True()
			}
			if len(f.Enum) > 0 {
				enum = jen.Index().String().ValuesFunc(func(g *jen.Group) {
					for _, v := range f.Enum {
						g.Lit(v)
					}
				})
			}
			if len(f.Fields) > 0 {
				sub = paramList(f.Fields)
			}
			g.Line().Add(orderedValues(kv{"Name", jen.Lit(f.Name)}, kv{"Type", typeConst(f.Type)}, kv{"Array", array},
				kv{"Required", required}, kv{"Enum", enum}, kv{"Fields", sub}))
		}
		g.Line()
	})
}

// typeConsts are the runtime's constants for the base types.
var typeConsts = map[string]string{
	"string": "TypeString", "text": "TypeText", "integer": "TypeInteger", "double": "TypeDouble",
	"boolean": "TypeBoolean", "char": "TypeChar", "date": "TypeDate", "datetime": "TypeDateTime",
	"object": "TypeObject", "array": "TypeArray", "file": "TypeFile", "any": "TypeAny",
}

func typeConst(t string) jen.Code {
	if c, ok := typeConsts[strings.ToLower(t)]; ok {
		return jen.Qual(runtimePath, c)
	}
	return jen.Qual(runtimePath, "Type").Call(jen.Lit(t))
}

// readVerbs are the last name segments of methods that only read.
var readVerbs = []string{"get", "list", "fields", "search", "count", "find", "info", "current", "filter", "export", "getlist", "getfields", "download"}

// isRead reports whether a method only reads, judged by the verb that ends
// its name (crm.deal.get, crm.deal.list, user.search, …).
func isRead(name string) bool {
	i := strings.LastIndexByte(name, '.')
	verb := strings.ToLower(name[i+1:])
	for _, v := range readVerbs {
		if verb == v || strings.HasPrefix(verb, "get") {
			return true
		}
	}
	return false
}
