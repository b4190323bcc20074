package golang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// methodDoc is the doc comment of a method's client function.
func methodDoc(m *analysis.Method) []string {
	mm := m.Model
	paras := pageDoc{
		head: fmt.Sprintf("%s calls %s", m.GoName, mm.Name), title: mm.Title, summary: mm.Summary,
		scope: mm.Scope, who: mm.Permissions, whoLabel: "Who can call it", file: mm.File,
		deprecated: mm.Deprecated, kind: "method",
	}.paragraphs()
	var more []string
	if doc := alternativesDoc(m.Alternatives); doc != "" {
		more = append(more, doc)
	}
	if m.Result.Shape == analysis.ShapeDescriptors || m.Result.Descriptors != "" {
		more = append(more, descriptorsDoc(m.Result))
	}
	switch m.Result.Shape {
	case analysis.ShapeFile:
		more = append(more, "It answers with a file, not JSON: its bytes, media type and name ([b24.Download]). A batch cannot call it.")
	case analysis.ShapeEmpty:
		more = append(more, fmt.Sprintf("Its answer carries nothing (the page's examples show the result as %s): it returns only the error.", m.Result.Empty))
	}
	if doc := resultOriginDoc(m.Result); doc != "" {
		more = append(more, doc)
	}
	if len(more) == 0 {
		return paras
	}
	// these paragraphs go before the deprecation notice, which must stay
	// last
	if mm.Deprecated {
		return append(append(paras[:len(paras)-1:len(paras)-1], more...), paras[len(paras)-1])
	}
	return append(paras, more...)
}

// maxDescriptorKeys is how many documented keys the doc comment of a
// descriptor method names.
const maxDescriptorKeys = 30

// descriptorsDoc says what a descriptor method answers and which keys its
// page documents.
func descriptorsDoc(r analysis.Result) string {
	doc := "It answers a descriptor per field, by the field's name (type, title, isRequired, isReadOnly, …; see b24.FieldDescriptor)."
	if r.Descriptors != "" {
		doc = fmt.Sprintf("It answers, in %q, a descriptor per field, by the field's name (type, title, isRequired, isReadOnly, …; see b24.FieldDescriptor).", r.Descriptors)
	}
	names, more := r.DescriptorKeyNames(maxDescriptorKeys)
	if len(names) == 0 {
		return doc
	}
	doc += " The page documents the fields " + strings.Join(names, ", ")
	if more > 0 {
		doc += fmt.Sprintf(" and %d more", more)
	}
	return doc + "."
}

// pageDoc is what the doc comment of a method's or an event's function
// says of its page.
type pageDoc struct {
	head, title, summary string
	scope, who, whoLabel string
	file, kind           string
	deprecated           bool
}

func (d pageDoc) paragraphs() []string {
	head := d.head
	if d.title != "" {
		head += ": " + d.title
	}
	paras := []string{head + "."}
	if d.summary != "" {
		paras = append(paras, d.summary)
	}
	var facts []string
	if d.scope != "" {
		facts = append(facts, "Scope: "+d.scope+".")
	}
	if d.who != "" {
		facts = append(facts, d.whoLabel+": "+d.who+".")
	}
	facts = append(facts, "Documented in "+d.file+".")
	paras = append(paras, strings.Join(facts, "\n"))
	if d.deprecated {
		paras = append(paras, "Deprecated: the documentation marks this "+d.kind+" as no longer developed.")
	}
	return paras
}

// emitMethod writes a method's declarations, descriptor, client function,
// iterators and batch helper.
func emitMethod(f *jen.File, pd docs, m *analysis.Method) {
	d := pd.of(m.Model.Name)
	for _, decl := range methodTypes(d, m) {
		for _, c := range decl {
			f.Add(c)
		}
		f.Line()
	}
	res := resultOf(m.Result)
	// the descriptor
	for _, c := range comment(fmt.Sprintf("%s describes %s to the runtime.", m.Descriptor, m.Model.Name)) {
		f.Add(c)
	}
	f.Var().Id(m.Descriptor).Op("=").Op("&").Qual(runtimePath, "Method").Add(specValues(m, res))
	f.Line()
	// the client function
	for _, c := range d.comment(methodDoc(m)...) {
		f.Add(c)
	}
	var body []jen.Code
	switch m.Result.Shape {
	case analysis.ShapeFile:
		body = []jen.Code{jen.Return(jen.Id("c").Dot("rt").Dot("Download").Call(jen.Id("ctx"), jen.Id(m.Descriptor), jen.Id("req"), jen.Id("opts").Op("...")))}
	case analysis.ShapeEmpty:
		body = []jen.Code{jen.Return(jen.Id("c").Dot("rt").Dot("Exec").Call(jen.Id("ctx"), jen.Id(m.Descriptor), jen.Id("req"), jen.Id("opts").Op("...")))}
	default:
		body = []jen.Code{
			jen.Var().Id("res").Add(res.wire),
			jen.If(jen.Err().Op(":=").Id("c").Dot("rt").Dot("Call").Call(jen.Id("ctx"), jen.Id(m.Descriptor), jen.Id("req"), jen.Op("&").Id("res"), jen.Id("opts").Op("...")), jen.Err().Op("!=").Nil()).Block(
				res.returning(jen.Err()),
			),
			jen.Return(res.convert(jen.Id("res")), jen.Nil()),
		}
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(m.GoName).
		Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(m.Request.Name), jen.Id("opts").Op("...").Qual(runtimePath, "CallOption")).
		Params(res.returns()...).Block(body...)
	f.Line()
	emitIterators(f, m)
	if m.Result.Shape == analysis.ShapeFile {
		// a portal does not run a method that answers a file in a batch
		return
	}
	// the batch helper
	for _, c := range comment(fmt.Sprintf("%s adds a %s call to b under key; its result is available once the batch has run.", m.Batch, m.Model.Name)) {
		f.Add(c)
	}
	f.Func().Id(m.Batch).
		Params(jen.Id("b").Op("*").Qual(runtimePath, "Batch"), jen.Id("key").String(), jen.Id("req").Op("*").Id(m.Request.Name)).
		Op("*").Qual(runtimePath, "BatchCall").Types(res.wire).Block(
		jen.Return(jen.Qual(runtimePath, "AddCall").Types(res.wire).Call(jen.Id("b"), jen.Id("key"), jen.Id(m.Descriptor), jen.Id("req"))),
	)
}

// specValues is the b24.Method literal of a method.
func specValues(m *analysis.Method, res result) *jen.Statement {
	var scope, api, read, params, errs jen.Code
	if m.Model.Scope != "" {
		scope = jen.Lit(m.Model.Scope)
	}
	if m.Model.API == model.APIv3 {
		api = jen.Qual(runtimePath, "APIv3")
	}
	if m.ReadOnly {
		read = jen.True()
	}
	if len(m.Request.Fields) > 0 {
		params = paramList(m.Request.Fields, m.Model.Alternatives, nil)
	}
	if len(m.Errors) > 0 {
		errs = jen.Index().Qual(runtimePath, "ErrorInfo").ValuesFunc(func(g *jen.Group) {
			for _, e := range m.Errors {
				g.Line().Add(errorInfo(e.Const, e.ByMessage, e.Status, e.Message, e.Checks))
			}
			g.Line()
		})
	}
	newReq := jen.Func().Params().Any().Block(jen.Return(jen.New(jen.Id(m.Request.Name))))
	// a file is no JSON result: nothing decodes into one
	var file, newRes jen.Code
	if m.Result.Shape == analysis.ShapeFile {
		file = jen.True()
	} else {
		newRes = jen.Func().Params().Any().Block(jen.Return(jen.New(res.wire)))
	}
	return orderedValues(kv{"Name", jen.Lit(m.Model.Name)}, kv{"Scope", scope}, kv{"API", api}, kv{"Read", read}, kv{"List", listSpec(m.Paging)},
		kv{"File", file}, kv{"Params", params}, kv{"Alternatives", alternativesLit(m.Model.Alternatives, nil)}, kv{"Errors", errs},
		kv{"NewRequest", newReq}, kv{"NewResult", newRes})
}

// listSpec is the b24.ListSpec literal of a paging plan; nil for a method
// that does not page. The runtime reads an empty Key as ID.
func listSpec(p *analysis.Paging) jen.Code {
	if p == nil {
		return nil
	}
	lit := func(v string) jen.Code {
		if v == "" {
			return nil
		}
		return jen.Lit(v)
	}
	key := p.FilterKey
	if key == p.IDKey {
		key = ""
	}
	return jen.Op("&").Qual(runtimePath, "ListSpec").Add(orderedValues(kv{"Rows", lit(p.Rows)}, kv{"ID", lit(p.IDKey)}, kv{"Key", lit(key)}, kv{"Filter", lit(p.Filter)}, kv{"Order", lit(p.Order)}))
}

// emitIterators writes the iterators of a list method the analysis names:
// over every row page by page, and by id.
func emitIterators(f *jen.File, m *analysis.Method) {
	if m.AllIterator == "" && m.ByIDIterator == "" {
		return
	}
	rowType := rowTypeOf(m.Paging)
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(m.Request.Name), jen.Id("opts").Op("...").Qual(runtimePath, "CallOption")}
	seq := jen.Qual("iter", "Seq2").Types(rowType, jen.Error())
	emit := func(name, fn, doc string) {
		if name == "" {
			return
		}
		for _, c := range comment(doc) {
			f.Add(c)
		}
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(name).Params(params...).Add(seq).Block(
			jen.Return(jen.Qual(runtimePath, fn).Types(rowType).Call(jen.Id("ctx"), jen.Id("c").Dot("rt"), jen.Id(m.Descriptor), jen.Id("req"), jen.Id("opts").Op("..."))),
		)
		f.Line()
	}
	emit(m.AllIterator, "All", fmt.Sprintf("%s iterates over every row of %s, page by page (start, then next), calling as often as it takes; it ends with an error at the first failed call.", m.AllIterator, m.Model.Name))
	emit(m.ByIDIterator, "ByID", fmt.Sprintf("%s iterates over every row of %s in order of %s, walking by id (filter >%s, start -1): faster than %sAll for large exports.", m.ByIDIterator, m.Model.Name, m.Paging.IDKey, m.Paging.IDKey, m.GoName))
}

// rowTypeOf is the Go type of a list's rows.
func rowTypeOf(p *analysis.Paging) jen.Code {
	if p.Row == analysis.RowTyped {
		return jen.Id(p.RowType.Name)
	}
	return jen.Qual("encoding/json", "RawMessage")
}

// errorInfo is a b24.ErrorInfo literal: the code's constant, or for an
// error without a code (byMessage) its message's.
func errorInfo(ident string, byMessage bool, status int, message string, checks []model.ErrorCheck) jen.Code {
	var code, st, msg, chk jen.Code
	if status != 0 {
		st = jen.Lit(status)
	}
	switch {
	case byMessage:
		msg = jen.String().Call(jen.Id(ident))
	case message != "":
		msg = jen.Lit(message)
	}
	if !byMessage {
		code = jen.Id(ident)
	}
	if len(checks) > 0 {
		chk = jen.Index().Qual(runtimePath, "ParamCheck").ValuesFunc(func(g *jen.Group) {
			for _, c := range checks {
				var param, missing, invalid jen.Code
				if c.Param != "" {
					param = jen.Lit(c.Param)
				}
				if c.Missing {
					missing = jen.True()
				}
				if c.Invalid {
					invalid = jen.True()
				}
				g.Line().Add(inlineValues(kv{"Param", param}, kv{"Missing", missing}, kv{"Invalid", invalid}))
			}
			g.Line()
		})
	}
	return orderedValues(kv{"Code", code}, kv{"Status", st}, kv{"Message", msg}, kv{"Checks", chk})
}

// paramList is the []b24.Param literal of documented parameters, the
// members of the object at parent (nil for the method's parameters), with
// the groups of alternatives of each object.
func paramList(fields []model.Field, groups []model.Alternative, parent []string) jen.Code {
	return jen.Index().Qual(runtimePath, "Param").ValuesFunc(func(g *jen.Group) {
		for _, f := range fields {
			var array, keyed, required, enum, sub jen.Code
			if f.Array {
				array = jen.True()
			}
			if f.Map {
				keyed = jen.True()
			}
			if f.Required.IsRequired() {
				required = jen.True()
			}
			// placeholder values (DYNAMIC_XXX) stand for others: any value goes
			if len(f.Enum) > 0 && !slices.ContainsFunc(f.Enum, analysis.IsPlaceholderValue) {
				enum = jen.Index().String().ValuesFunc(func(g *jen.Group) {
					for _, v := range f.Enum {
						g.Lit(v)
					}
				})
			}
			values := orderedValues
			var alternatives jen.Code
			if f.IsObject() {
				path := append(slices.Clip(parent), f.Name)
				sub = paramList(f.Fields, groups, path)
				alternatives = alternativesLit(groups, path)
			} else {
				values = inlineValues
			}
			g.Line().Add(values(kv{"Name", jen.Lit(f.Name)}, kv{"Type", typeConst(f.Base)}, kv{"Array", array},
				kv{"Map", keyed}, kv{"Required", required}, kv{"Enum", enum}, kv{"Fields", sub}, kv{"Alternatives", alternatives}))
		}
		g.Line()
	})
}

// typeConst is the runtime's constant for a base type, by the base type
// table; a field the parser could not resolve is any.
func typeConst(t model.Base) jen.Code {
	if t == "" {
		t = protocol.Any
	}
	if row, ok := model.BaseOf(t); ok {
		return jen.Qual(runtimePath, row.RuntimeConst)
	}
	return jen.Qual(runtimePath, "Type").Call(jen.Lit(string(t)))
}
