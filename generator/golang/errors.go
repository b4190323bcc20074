package golang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/internal/support/naming"
)

// errorCode is one documented error code of a package.
type errorCode struct {
	code        string
	ident       string
	status      int
	message     string
	description string
	system      bool
	methods     []string
}

// errorCodes are the error codes of a package; codes that differ only in
// case are one code, since the portal compares them without case.
type errorCodes struct {
	list  []*errorCode
	byKey map[string]*errorCode
}

func (c *errorCodes) ident(code string) string { return c.byKey[strings.ToLower(code)].ident }

// errorCodes collects the codes the package's methods document.
func (p *pkg) errorCodes() (*errorCodes, error) {
	codes := &errorCodes{byKey: map[string]*errorCode{}}
	for _, m := range p.methods {
		for _, e := range m.m.Errors {
			if e.Code == "" {
				continue
			}
			key := strings.ToLower(e.Code)
			if c, ok := codes.byKey[key]; ok {
				if !slices.Contains(c.methods, m.m.Name) {
					c.methods = append(c.methods, m.m.Name)
				}
				continue
			}
			c := &errorCode{code: e.Code, status: e.Status, message: e.Message, description: e.Description, system: e.System, methods: []string{m.m.Name}}
			c.ident = errorIdent(e.Code, 0)
			for n := 2; p.idents[c.ident] != "" && p.idents[c.ident] != "error code "+key; n++ {
				c.ident = errorIdent(e.Code, n)
			}
			if err := p.declare(c.ident, "error code "+key); err != nil {
				return nil, err
			}
			codes.byKey[key] = c
			codes.list = append(codes.list, c)
		}
	}
	slices.SortFunc(codes.list, func(a, b *errorCode) int { return strings.Compare(a.ident, b.ident) })
	return codes, nil
}

func (p *pkg) emitErrors(f *jen.File, codes *errorCodes) {
	if len(codes.list) == 0 {
		return
	}
	for _, c := range comment(fmt.Sprintf("Error codes documented for the %s methods, system errors included. Match them with errors.Is, which ignores case as the portal does.", p.ns)) {
		f.Add(c)
	}
	var defs []jen.Code
	for _, c := range codes.list {
		head := fmt.Sprintf("%s is %s", c.ident, c.code)
		if c.message != "" {
			head += ": " + c.message
		}
		var tail []string
		if c.status != 0 {
			tail = append(tail, fmt.Sprintf("HTTP status %d.", c.status))
		}
		if c.system {
			tail = append(tail, "A system error: any method can return it.")
		} else {
			tail = append(tail, "Documented by "+strings.Join(c.methods, ", ")+".")
		}
		defs = append(defs, comment(head, c.description, strings.Join(tail, " "))...)
		defs = append(defs, jen.Id(c.ident).Qual(runtimePath, "ErrorCode").Op("=").Lit(c.code))
	}
	f.Const().Defs(defs...)
	f.Line()
	for _, c := range comment("Errors lists the documented error codes with their HTTP statuses and messages.") {
		f.Add(c)
	}
	f.Var().Id("Errors").Op("=").Index().Qual(runtimePath, "ErrorInfo").ValuesFunc(func(g *jen.Group) {
		for _, c := range codes.list {
			g.Line().Add(errorInfo(c.ident, c.status, c.message, nil))
		}
		g.Line()
	})
}

// errorIdent names the constant of an error code: "Err" and the code, less
// a leading "ERROR_" ("ERROR_METHOD_NOT_FOUND" → ErrMethodNotFound), with a
// number n > 0 appended to tell apart codes that would share a name.
func errorIdent(code string, n int) string {
	words := naming.Words(code)
	if len(words) > 1 && words[0] == "error" {
		words = words[1:]
	}
	name := "err " + strings.Join(words, " ")
	if n > 0 {
		name += fmt.Sprintf(" %d", n)
	}
	return naming.Ident(name, naming.Exported)
}
