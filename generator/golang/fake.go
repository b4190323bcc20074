package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
)

// fakePath is the import path of the fake portal runtime.
const fakePath = "github.com/b24gen/b24gen/b24/b24fake"

// emitFake writes RegisterFake: every method of the package on a fake
// portal, each answering with its page's response example.
func emitFake(f *jen.File, p *analysis.Package) {
	f.ImportName(fakePath, "b24fake")
	var consts []jen.Code
	var regs []jen.Code
	for _, m := range p.Methods {
		ex := m.ResponseExample
		if ex == nil {
			regs = append(regs, jen.Id("p").Dot("Register").Call(jen.Id(m.Descriptor), jen.Lit("")))
			continue
		}
		consts = append(consts, comment(fmt.Sprintf("%s is the response example of %s, from %s line %d.", m.Example, m.Model.Name, m.Model.File, ex.Line))...)
		consts = append(consts, jen.Id(m.Example).Op("=").Lit(string(ex.JSON)))
		regs = append(regs, jen.Id("p").Dot("Register").Call(jen.Id(m.Descriptor), jen.Id(m.Example)))
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
func Root(a *analysis.API, importPath string) (File, error) {
	name := analysis.RootPackage(importPath)
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
	for _, p := range a.Packages {
		f.ImportName(importPath+"/"+p.Name, p.Name)
		lists = append(lists, jen.Qual(importPath+"/"+p.Name, "Methods"))
		regs = append(regs, jen.Qual(importPath+"/"+p.Name, "RegisterFake").Call(jen.Id("p")))
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
