package replay

import (
	"slices"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/model"
)

// Alternatives puts the groups of alternatives of a method's documented
// parameters where the generated descriptors hold them: those of an
// object's members on its Param (params are Params of the method's
// parameters), and returns those of the parameters themselves.
func Alternatives(params []b24.Param, groups []model.Alternative) [][]string {
	var top [][]string
	for _, g := range groups {
		if len(g.Parent) == 0 {
			top = append(top, slices.Clone(g.Params))
			continue
		}
		ps := params
		var p *b24.Param
		for _, name := range g.Parent {
			i := slices.IndexFunc(ps, func(p b24.Param) bool { return p.Name == name })
			if i < 0 {
				p = nil
				break
			}
			p = &ps[i]
			ps = p.Fields
		}
		if p != nil {
			p.Alternatives = append(p.Alternatives, slices.Clone(g.Params))
		}
	}
	return top
}
