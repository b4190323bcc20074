package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
)

// emitErrors writes the constants of the package's error codes and the
// table of them.
func emitErrors(f *jen.File, p *analysis.Package) {
	if len(p.Errors) == 0 {
		return
	}
	for _, c := range comment(fmt.Sprintf("Error codes documented for the %s methods, system errors included. Match them with errors.Is, which ignores case as the portal does.", p.Namespace)) {
		f.Add(c)
	}
	var defs []jen.Code
	d := packageDocs(p)
	for _, c := range p.Errors {
		defs = append(defs, d.comment(errorDoc(c)...)...)
		defs = append(defs, jen.Id(c.Const).Qual(runtimePath, "ErrorCode").Op("=").Lit(c.Code))
	}
	f.Const().Defs(defs...)
	f.Line()
	for _, c := range comment("Errors lists the documented error codes with their HTTP statuses and messages.") {
		f.Add(c)
	}
	f.Var().Id("Errors").Op("=").Index().Qual(runtimePath, "ErrorInfo").ValuesFunc(func(g *jen.Group) {
		for _, c := range p.Errors {
			g.Line().Add(errorInfo(c.Const, c.Status, c.Message, nil))
		}
		g.Line()
	})
}

// errorDoc is the doc comment of an error constant.
func errorDoc(c *analysis.ErrorCode) []string {
	head := fmt.Sprintf("%s is %s", c.Const, c.Code)
	if c.Message != "" {
		head += ": " + c.Message
	}
	var tail []string
	if c.Status != 0 {
		tail = append(tail, fmt.Sprintf("HTTP status %d.", c.Status))
	}
	if c.System {
		tail = append(tail, "A system error: any method can return it.")
	} else {
		tail = append(tail, "Documented by "+strings.Join(c.Methods, ", ")+".")
	}
	return []string{head, c.Description, strings.Join(tail, " ")}
}
