package golang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// methodDoc is the doc comment of a method's client function.
func methodDoc(m *method) []string {
	mm := m.m
	return pageDoc{
		head: fmt.Sprintf("%s calls %s", m.name, mm.Name), title: mm.Title, summary: mm.Summary,
		scope: mm.Scope, who: mm.Permissions, whoLabel: "Who can call it", file: mm.File,
		deprecated: mm.Deprecated, kind: "method",
	}.paragraphs()
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
		Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(m.req), jen.Id("opts").Op("...").Qual(runtimePath, "CallOption")).
		Params(m.result.sig, jen.Error()).Block(
		jen.Var().Id("res").Add(m.result.wire),
		jen.If(jen.Err().Op(":=").Id("c").Dot("rt").Dot("Call").Call(jen.Id("ctx"), jen.Id(m.spec), jen.Id("req"), jen.Op("&").Id("res"), jen.Id("opts").Op("...")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(m.result.zero, jen.Err()),
		),
		jen.Return(m.result.convert(jen.Id("res")), jen.Nil()),
	)
	f.Line()
	p.emitIterators(f, m)
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
	var scope, api, read, list, params, errs jen.Code
	if m.m.Scope != "" {
		scope = jen.Lit(m.m.Scope)
	}
	if m.m.API == model.APIv3 {
		api = jen.Qual(runtimePath, "APIv3")
	}
	if isRead(m.m.Name) {
		read = jen.True()
	}
	if m.list != nil {
		l := m.list
		lit := func(v string) jen.Code {
			if v == "" {
				return nil
			}
			return jen.Lit(v)
		}
		list = jen.Op("&").Qual(runtimePath, "ListSpec").Add(orderedValues(kv{"Rows", lit(l.rows)}, kv{"ID", lit(l.id)}, kv{"Key", lit(l.key)}, kv{"Filter", lit(l.filter)}, kv{"Order", lit(l.order)}))
	}
	if len(m.m.Params) > 0 {
		params = paramList(m.m.Params)
	}
	// One entry per code (a page may list a code in several rows, for
	// several cases): the first row's status and message, every row's checks.
	var order []*model.Error
	byCode := map[string]*model.Error{}
	for _, e := range m.m.Errors {
		key := strings.ToLower(e.Code)
		if e.System || e.Code == "" {
			continue
		}
		if first, ok := byCode[key]; ok {
			first.Checks = append(slices.Clip(first.Checks), e.Checks...)
			continue
		}
		e := e
		byCode[key] = &e
		order = append(order, &e)
	}
	var infos []jen.Code
	for _, e := range order {
		infos = append(infos, errorInfo(codes.ident(e.Code), e.Status, e.Message, e.Checks))
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
	return orderedValues(kv{"Name", jen.Lit(m.m.Name)}, kv{"Scope", scope}, kv{"API", api}, kv{"Read", read}, kv{"List", list}, kv{"Params", params}, kv{"Errors", errs},
		kv{"NewRequest", newReq}, kv{"NewResult", newRes})
}

// emitIterators writes the iterators of a list method: over every row
// page by page, and, when the docs give a filter, an order and the rows'
// id, by id.
func (p *pkg) emitIterators(f *jen.File, m *method) {
	if m.list == nil || m.list.rowType == nil {
		return
	}
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(m.req), jen.Id("opts").Op("...").Qual(runtimePath, "CallOption")}
	seq := jen.Qual("iter", "Seq2").Types(m.list.rowType, jen.Error())
	emit := func(name, fn, doc string) {
		if p.declare(name, m.m.Name+" iterator") != nil {
			return
		}
		for _, c := range comment(doc) {
			f.Add(c)
		}
		f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(name).Params(params...).Add(seq).Block(
			jen.Return(jen.Qual(runtimePath, fn).Types(m.list.rowType).Call(jen.Id("ctx"), jen.Id("c").Dot("rt"), jen.Id(m.spec), jen.Id("req"), jen.Id("opts").Op("..."))),
		)
		f.Line()
	}
	emit(m.name+"All", "All", fmt.Sprintf("%sAll iterates over every row of %s, page by page (start, then next), calling as often as it takes; it ends with an error at the first failed call.", m.name, m.m.Name))
	if m.list.id != "" && m.list.filter != "" && m.list.order != "" {
		emit(m.name+"ByID", "ByID", fmt.Sprintf("%sByID iterates over every row of %s in order of %s, walking by id (filter >%s, start -1): faster than %sAll for large exports.", m.name, m.m.Name, m.list.id, m.list.id, m.name))
	}
}

// errorInfo is a b24.ErrorInfo literal.
func errorInfo(ident string, status int, message string, checks []model.ErrorCheck) jen.Code {
	var st, msg, chk jen.Code
	if status != 0 {
		st = jen.Lit(status)
	}
	if message != "" {
		msg = jen.Lit(message)
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
	return orderedValues(kv{"Code", jen.Id(ident)}, kv{"Status", st}, kv{"Message", msg}, kv{"Checks", chk})
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
			values := orderedValues
			if f.IsObject() {
				sub = paramList(f.Fields)
			} else {
				values = inlineValues
			}
			g.Line().Add(values(kv{"Name", jen.Lit(f.Name)}, kv{"Type", typeConst(f.Base)}, kv{"Array", array},
				kv{"Required", required}, kv{"Enum", enum}, kv{"Fields", sub}))
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
