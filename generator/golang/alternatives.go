package golang

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
)

// alternativesLit is the [][]string literal of the groups of alternatives
// of the object at parent (nil for the method's parameters); nil when it
// has none.
func alternativesLit(groups []model.Alternative, parent []string) jen.Code {
	var of []model.Alternative
	for _, g := range groups {
		if slices.Equal(g.Parent, parent) {
			of = append(of, g)
		}
	}
	if len(of) == 0 {
		return nil
	}
	return jen.Index().Index().String().ValuesFunc(func(g *jen.Group) {
		for _, a := range of {
			g.Line().ValuesFunc(func(g *jen.Group) {
				for _, name := range a.Params {
					g.Lit(name)
				}
			})
		}
		g.Line()
	})
}

// alternativesDoc is the paragraph of a method's doc comment that says
// which parameters a call must give one of: "At least one of IblockID or
// IblockCode must be given." a sentence a group; "" when there are none.
func alternativesDoc(groups []analysis.Alternative) string {
	var sentences []string
	for _, a := range groups {
		s := "At least one of " + orList(a.Names) + " must be given"
		switch {
		case a.Parent != "" && a.InList:
			s += " in each element of " + a.Parent
		case a.Parent != "":
			s += " in " + a.Parent
		}
		sentences = append(sentences, s+".")
	}
	return strings.Join(sentences, "\n")
}

// orList joins names as "A or B", "A, B or C".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
