package golang

import (
	"fmt"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// fakePath is the import path of the fake portal runtime.
const fakePath = "github.com/b24gen/b24gen/b24/b24fake"

// responseExample returns the first response example of a method that is
// not a template, and whether there is one.
func responseExample(m *model.Method) (model.Example, bool) {
	for _, e := range m.Examples {
		if e.Kind == model.ExampleResponse && !e.Template {
			return e, true
		}
	}
	return model.Example{}, false
}

// exampleIdent names the constant holding a method's response example.
func exampleIdent(m *method) string {
	return naming.Ident("example "+m.name, naming.Unexported)
}

// emitFake writes RegisterFake: every method of the package on a fake
// portal, each answering with its page's response example.
func (p *pkg) emitFake(f *jen.File) {
	f.ImportName(fakePath, "b24fake")
	var consts []jen.Code
	var regs []jen.Code
	for _, m := range p.methods {
		ex, ok := responseExample(m.m)
		if !ok {
			regs = append(regs, jen.Id("p").Dot("Register").Call(jen.Id(m.spec), jen.Lit("")))
			continue
		}
		id := exampleIdent(m)
		consts = append(consts, comment(fmt.Sprintf("%s is the response example of %s, from %s line %d.", id, m.m.Name, m.m.File, ex.Line))...)
		consts = append(consts, jen.Id(id).Op("=").Lit(string(ex.JSON)))
		regs = append(regs, jen.Id("p").Dot("Register").Call(jen.Id(m.spec), jen.Id(id)))
	}
	for _, c := range comment("RegisterFake registers every method of the package on p: each checks its parameters as the docs say and answers with the response example of its page, or with the zero value of its result type when the page has none or it does not fit the documented types.") {
		f.Add(c)
	}
	f.Func().Id("RegisterFake").Params(jen.Id("p").Op("*").Qual(fakePath, "Portal")).Block(regs...)
	if len(consts) > 0 {
		f.Line()
		f.Const().Defs(consts...)
	}
}

// Root returns the package that gathers the generated packages, for a
// program that serves or describes all of them: the output directory's own
// package, whose import path is importPath.
func Root(api *model.API, importPath string, opts Options) (File, error) {
	pkgs, _ := planPackages(api, opts)
	name := naming.Ident(path.Base(importPath), naming.Package)
	f := jen.NewFile(name)
	f.HeaderComment(Header)
	f.ImportName(runtimePath, "b24")
	f.ImportName(fakePath, "b24fake")
	for _, l := range commentLines(
		fmt.Sprintf("Package %s gathers the packages b24gen generated from the Bitrix24 REST documentation, for programs that serve or describe all of them.", name),
		"It is generated; regenerate it rather than edit it.",
	) {
		f.PackageComment(l)
	}
	var lists, regs []jen.Code
	for _, p := range pkgs {
		f.ImportName(importPath+"/"+p.name, p.name)
		lists = append(lists, jen.Qual(importPath+"/"+p.name, "Methods"))
		regs = append(regs, jen.Qual(importPath+"/"+p.name, "RegisterFake").Call(jen.Id("p")))
	}
	for _, c := range comment("Methods describes every generated method, package by package.") {
		f.Add(c)
	}
	f.Var().Id("Methods").Op("=").Qual("slices", "Concat").Call(lists...)
	f.Line()
	for _, c := range comment("RegisterFakes registers every generated method on a fake portal; see the RegisterFake function of each package.") {
		f.Add(c)
	}
	f.Func().Id("RegisterFakes").Params(jen.Id("p").Op("*").Qual(fakePath, "Portal")).Block(regs...)
	return render(f, "all.go")
}
