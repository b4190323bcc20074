package parser

// This file owns linked types: the sub-table a row's description links to
// by anchor ("описан [ниже](#fields)"), read as the row's members or as
// the values it takes.

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// fieldKeyed are the parameters whose members are field names.
var fieldKeyed = map[string]bool{"order": true, "filter": true, "select": true, "sort": true, "group": true, "groupby": true, "group_by": true}

// linkedType reads the sub-table the description cell of the row of f
// links to with an anchor: fields, or values. f is the field read so far
// from the row (its name, base and array flag); r is the state of the
// table the row is in.
//
// The parameters order, filter, select and sort take the names of the
// entity's fields as keys or values; the field table their description
// links to says which names, not what type their values are.
func (p *page) linkedType(src *source, desc *yfm.TableCell, f model.Field, r tableRead) (typeDef, bool) {
	name, base, list := f.Name, f.Base, f.Array || f.Base == "array"
	if fieldKeyed[strings.ToLower(name)] {
		return typeDef{}, false
	}
	var anchors []string
	_ = ast.Walk(desc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			if d := string(l.Destination); strings.HasPrefix(d, "#") {
				anchors = append(anchors, d[1:])
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range anchors {
		s, ok := p.anchors[a]
		if !ok {
			p.warn(src, src.nodeLine(desc), CodeLinkUnresolved, "link to #%s: no heading has this anchor", a)
			continue
		}
		t, tsrc := firstTable(s.blocks)
		if t == nil {
			continue
		}
		if isFieldTable(tsrc, t) {
			fields := p.tableFields(tsrc, t, r)
			// a row named by a path ("data.FIELDS") is its last segment
			if _, child, ok := splitFieldPath(name); ok && child != "" {
				name = child
			}
			if self, ok := selfDescription(fields, name); ok && !takesMembers(base) {
				return typeDef{enum: self.Enum}, len(self.Enum) > 0
			}
			// "### Параметр createdWithin" linked from the row of filter:
			// the table describes a member of filter, not filter itself;
			// linked from a list, it describes the list's elements
			if member, _ := memberHeadingName(s.title); !list && isIdent(member) && !strings.EqualFold(member, name) && !strings.EqualFold(s.anchor, name) &&
				!strings.Contains(strings.ToLower(s.title), strings.ToLower(name)) && namesParameter(s.title) {
				return typeDef{base: "object", fields: []model.Field{{Name: member, Type: "object", Base: "object", Required: model.RequiredUnknown, Enum: []string{}, Fields: fields}}}, true
			}
			return typeDef{base: "object", fields: fields}, true
		}
		if values := valueColumn(tsrc, t); len(values) > 0 {
			return typeDef{enum: values}, true
		}
	}
	return typeDef{}, false
}
