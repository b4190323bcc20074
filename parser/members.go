package parser

// This file owns the members of fields: the headings that describe one
// parameter or object ("### Параметр fields", "#### Объект result") and
// the tables under them, rows named by a path ("result.items",
// "items[]"), and what a field with members becomes.

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// attachMemberSections gives members to the fields that a heading of
// their own describes without a link from the row ("### Параметр fields"
// under the params table, "#### Объект result"): the heading's table, or
// the tables of its tabs (one per entity type, say), merged.
func (p *page) attachMemberSections(fields []model.Field, sections []*section, s side) {
	for _, sec := range sections {
		if !isMemberHeading(sec.title) {
			continue
		}
		name, _ := memberHeadingName(sec.title)
		target := findFieldDeep(fields, name)
		if target == nil || len(target.Fields) > 0 {
			continue
		}
		sets := p.memberTables(sec, s)
		if len(sets) == 1 && !takesMembers(target.Base) {
			if self, ok := selfDescription(sets[0], target.Name); ok {
				if len(target.Enum) == 0 {
					target.Enum = self.Enum
				}
				continue
			}
		}
		switch len(sets) {
		case 0:
			continue
		case 1:
			target.Fields = sets[0]
		default:
			target.Fields = mergeAlternatives(sets)
		}
		switch target.Base {
		case "any", "", "array":
			if target.Base == "array" && s == answerSide {
				target.Array = true
			}
			target.Base = "object"
		}
	}
}

// memberTables returns the field tables of a section: its own, or one per
// tab of its {% list tabs %}.
func (p *page) memberTables(sec *section, s side) [][]model.Field {
	if t, src := firstTable(sec.blocks); t != nil && isFieldTable(src, t) {
		return [][]model.Field{p.tableFields(src, t, newTableRead(s, 0))}
	}
	var sets [][]model.Field
	for _, b := range sec.blocks {
		d, ok := b.node.(*yfm.Directive)
		if !ok || d.Name != "list" {
			continue
		}
		_ = ast.Walk(d, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*yfm.Table); ok && entering {
				if isFieldTable(b.src, t) {
					sets = append(sets, p.tableFields(b.src, t, newTableRead(s, 0)))
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return sets
}

// findFieldDeep finds a field by name, breadth first through the members.
func findFieldDeep(fs []model.Field, name string) *model.Field {
	for i := range fs {
		if strings.EqualFold(fs[i].Name, name) {
			return &fs[i]
		}
	}
	for i := range fs {
		if f := findFieldDeep(fs[i].Fields, name); f != nil {
			return f
		}
	}
	return nil
}

// selfDescription recognises a sub-table that describes the row linking
// to it rather than its members: a single row of the same name ("### Поле
// IS_ACCESSIBLE_BEFORE" listing the values of IS_ACCESSIBLE_BEFORE).
func selfDescription(fields []model.Field, name string) (model.Field, bool) {
	if len(fields) == 1 && strings.EqualFold(fields[0].Name, name) && len(fields[0].Fields) == 0 {
		return fields[0], true
	}
	return model.Field{}, false
}

// takesMembers reports whether a field of a base type can have members.
func takesMembers(base model.Base) bool {
	return base == "object" || base == "array" || base == "any" || base == ""
}

// arrayWithMembers reads a PHP "array" whose members a sub-table
// describes: in parameters an associative array, that is an object; in
// what the portal sends usually a list of such objects.
func arrayWithMembers(f *model.Field, s side) {
	if f.Base != "array" || len(f.Fields) == 0 {
		return
	}
	f.Base = "object"
	if s == answerSide {
		f.Array = true
	}
}

// isMemberHeading recognises a heading that names one parameter or object
// ("Параметр createdWithin", "Объект document", "Filter Parameter").
func isMemberHeading(title string) bool {
	_, ok := memberHeadingName(title)
	return ok
}

// namesParameter reports whether a member heading names a member by its
// own name ("Параметр createdWithin", "Объект category", "category
// Object"), rather than an object in words ("Service Object": English
// title case puts a capital on a word, not on a member name).
func namesParameter(title string) bool {
	name, ok := memberHeadingName(title)
	if !ok {
		return false
	}
	words := strings.Fields(title)
	nameFirst := len(words) > 0 && strings.Trim(words[0], "`«»\"'") == name
	titleCased := unicode.IsUpper([]rune(name)[0]) && strings.ToUpper(name) != name && !hasInnerUpper(name)
	return !nameFirst || !titleCased
}

// memberHeadingName returns the member a heading names: "Параметр
// fields", "Объект `result`", "Элемент массива DATA", "Filter Parameter",
// "result Array Element" all name one (the words are the lexicon's).
func memberHeadingName(title string) (string, bool) {
	var words []string
	for _, w := range strings.Fields(title) {
		words = append(words, strings.TrimSuffix(strings.Trim(w, "`«»\"'"), "[]"))
	}
	if len(words) != 2 && len(words) != 3 {
		return "", false
	}
	lower := make([]folded, len(words))
	for i, w := range words {
		lower[i] = fold(w)
	}
	switch {
	case len(words) == 2 && lexicon.memberBefore.is(lower[0]):
		return words[1], true
	case len(words) == 2 && lexicon.memberAfter.is(lower[1]):
		return words[0], true
	case len(words) == 3 && lexicon.arrayElementBefore.is(lower[0]+" "+lower[1]):
		return words[2], true
	case len(words) == 3 && lexicon.arrayElementAfter.is(lower[1]+" "+lower[2]):
		return words[0], true
	case len(words) == 3 && lexicon.memberAround.is(lower[0]) && lower[2] == lower[0]:
		return words[1], true
	}
	return "", false
}

// nestFields puts rows named by a path under the row they belong to:
// "result.bot" into result, "fields.TITLE" into fields, and "items[]" (the
// elements of items) into items. A path whose parent is not in the table
// stays a field of its own name.
func nestFields(fs []model.Field, s side) []model.Field {
	var out []model.Field
	for _, f := range fs {
		parent, child, ok := splitFieldPath(f.Name)
		if ok {
			if target := findFieldPath(out, parent); target != nil {
				if child == "" {
					// the elements of an array
					target.Array = true
					if target.Base == "any" || target.Base == "array" || target.Base == "" {
						target.Base, target.Type = f.Base, f.Type
					}
					if len(f.Fields) > 0 {
						target.Fields = f.Fields
					}
				} else {
					f.Name = child
					target.Fields = append(target.Fields, f)
					if target.Base == "any" || target.Base == "" {
						target.Base = "object"
					}
					arrayWithMembers(target, s)
				}
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// splitFieldPath splits "a.b" into "a" and "b", and "a[]" (or "a[0]")
// into "a" and "".
func splitFieldPath(name string) (parent, child string, ok bool) {
	if i := strings.LastIndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") && isDigitsOrEmpty(name[i+1:len(name)-1]) {
		name = name[:i] + "[]"
	}
	if p, found := strings.CutSuffix(name, "[]"); found && p != "" {
		return p, "", true
	}
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || i == len(name)-1 {
		return "", "", false
	}
	return strings.TrimSuffix(name[:i], "[]"), name[i+1:], true
}

func isDigitsOrEmpty(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// findFieldPath finds the field a path ("result.items") names.
func findFieldPath(fs []model.Field, p string) *model.Field {
	head, rest, more := strings.Cut(p, ".")
	for i := range fs {
		if fs[i].Name == p {
			return &fs[i]
		}
	}
	if !more {
		return nil
	}
	for i := range fs {
		if fs[i].Name == strings.TrimSuffix(head, "[]") {
			return findFieldPath(fs[i].Fields, rest)
		}
	}
	return nil
}
