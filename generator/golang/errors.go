package golang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
)

// emitErrors writes the constants of the package's error codes, and of
// the errors it documents without a code (b24.ErrorMessage, matched by
// message), and the table of them.
func emitErrors(f *jen.File, p *analysis.Package) {
	if len(p.Errors) == 0 {
		return
	}
	doc := fmt.Sprintf("Error codes documented for the %s methods, system errors included. Match them with errors.Is, which ignores case as the portal does.", p.Namespace)
	table := "Errors lists the documented error codes with their HTTP statuses and messages."
	if slices.ContainsFunc(p.Errors, func(c *analysis.ErrorCode) bool { return c.ByMessage }) {
		doc += " The errors documented without a code are messages (b24.ErrorMessage): errors.Is matches the answer's description, whatever its case and punctuation."
		table = "Errors lists the documented error codes, and the messages of the errors without one, with their HTTP statuses and messages."
	}
	for _, c := range comment(doc) {
		f.Add(c)
	}
	var defs []jen.Code
	d := packageDocs(p)
	for _, c := range p.Errors {
		defs = append(defs, d.comment(errorDoc(c)...)...)
		if c.ByMessage {
			defs = append(defs, jen.Id(c.Const).Qual(runtimePath, "ErrorMessage").Op("=").Lit(c.Message))
			continue
		}
		defs = append(defs, jen.Id(c.Const).Qual(runtimePath, "ErrorCode").Op("=").Lit(c.Code))
	}
	f.Const().Defs(defs...)
	f.Line()
	for _, c := range comment(table) {
		f.Add(c)
	}
	f.Var().Id("Errors").Op("=").Index().Qual(runtimePath, "ErrorInfo").ValuesFunc(func(g *jen.Group) {
		for _, c := range p.Errors {
			g.Line().Add(errorInfo(c.Const, c.ByMessage, c.Status, c.Message, nil))
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
	if c.ByMessage {
		head = fmt.Sprintf("%s is an error without a code: %s", c.Const, c.Message)
	}
	var fix string
	if c.Fix != "" {
		fix = "To fix: " + c.Fix
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
	return []string{head, c.Description, fix, strings.Join(tail, " ")}
}
