package parser

// This file owns alternative sets of fields: the several ways to call a
// method, each with a parameter table of its own, and the tabs of one
// parameter (one table per entity type, say), merged into one set.

import (
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// alternativeSets returns the parameter tables of a method that documents
// several ways to call it ("Доступно три варианта вызова метода", each
// under a heading of its own): the params section has no table of its
// own, and its sub-sections each have one and are not the sub-table of a
// parameter ("Параметр fields").
func (p *page) alternativeSets(sections []*section, s side) [][]model.Field {
	if len(sections) < 3 {
		return nil
	}
	top := sections[0]
	if t, _ := firstTable(top.blocks); t != nil {
		return nil
	}
	var sets [][]model.Field
	for _, sec := range sections[1:] {
		if sec.level <= top.level {
			break
		}
		if isMemberHeading(sec.title) {
			continue
		}
		t, src := firstTable(sec.blocks)
		if t == nil || !isFieldTable(src, t) {
			continue
		}
		sets = append(sets, p.tableFields(src, t, newTableRead(s, 0)))
	}
	return sets
}

// mergeAlternatives merges alternative parameter sets: every parameter of
// any set, required only when every set requires it.
func mergeAlternatives(sets [][]model.Field) []model.Field {
	var out []model.Field
	for _, set := range sets {
		for _, f := range set {
			if model.FindField(out, f.Name) == nil {
				out = append(out, f)
			}
		}
	}
	for i := range out {
		mergeOccurrences(&out[i], sets)
		if !out[i].Required.IsRequired() {
			continue
		}
		for _, set := range sets {
			if g := model.FindField(set, out[i].Name); g == nil || !g.Required.IsRequired() {
				out[i].Required = model.Optional
				out[i].Description = strings.TrimSpace(out[i].Description + "\n\nRequired in one of the ways to call the method.")
				break
			}
		}
	}
	return out
}

// mergeOccurrences widens f, taken from the first set that has it, to
// what every set allows: the union of the enums (none when one set leaves
// the value free), and the merged members of objects documented in more
// than one set. The sets are the tabs of one parameter (SETTINGS per field
// type, say), and a value any of them documents is valid.
func mergeOccurrences(f *model.Field, sets [][]model.Field) {
	var occurrences []*model.Field
	for _, set := range sets {
		if g := model.FindField(set, f.Name); g != nil {
			occurrences = append(occurrences, g)
		}
	}
	if len(occurrences) < 2 {
		return
	}
	enum := slices.Clone(occurrences[0].Enum)
	var members [][]model.Field
	for i, g := range occurrences {
		if i > 0 && (len(enum) == 0 || len(g.Enum) == 0) {
			enum = nil
		}
		for _, v := range g.Enum {
			if enum != nil && !slices.Contains(enum, v) {
				enum = append(enum, v)
			}
		}
		if len(g.Fields) > 0 {
			members = append(members, g.Fields)
		}
	}
	f.Enum = enum
	if len(members) > 1 {
		f.Fields = mergeAlternatives(members)
	}
}

// The groups of parameters of which a call gives at least one. The
// relaxations of required.go make each member optional; the functions
// below read the group they belong to, before the marks are relaxed, so
// that the constraint the marks stood for is kept in the model.

// callSetGroup returns the group of the ways to call a method: the
// parameters some ways require and others do not, when every way requires
// one of them — a call that gives none of them follows none of the ways.
// fs are the merged parameters, for their order; line is the line of the
// params section's heading.
func callSetGroup(sets [][]model.Field, fs []model.Field, line int) []model.Alternative {
	requiredIn := func(set []model.Field, name string) bool {
		f := model.FindField(set, name)
		return f != nil && f.Required.IsRequired()
	}
	var members []string
	for _, f := range fs {
		some, all := false, true
		for _, set := range sets {
			if requiredIn(set, f.Name) {
				some = true
			} else {
				all = false
			}
		}
		if some && !all {
			members = append(members, f.Name)
		}
	}
	if len(members) < 2 {
		return nil
	}
	for _, set := range sets {
		if !slices.ContainsFunc(members, func(name string) bool { return requiredIn(set, name) }) {
			return nil // a way that requires none of them
		}
	}
	return []model.Alternative{{Parent: []string{}, Params: members, Line: line}}
}

// alternativeGroups returns the groups of parameters fs and the notes of
// the params sections state (none when sections is nil), read before the
// relaxations of required.go make their members optional: the sentences
// of descriptions and notes that say one of some parameters is enough, and
// the parameters required when another is not given. line is the line of
// the table, 0 for a fragment's.
func (p *page) alternativeGroups(fs []model.Field, sections []*section, line int) []model.Alternative {
	var out []model.Alternative
	for _, f := range fs {
		if sentence := oneOfSentence(f.Description); sentence != "" {
			out = appendGroups(out, namedGroups(fs, nil, sentence, false), line)
		}
	}
	out = appendGroups(out, conditionalGroups(fs, nil), line)
	if sections != nil {
		out = append(out, p.oneOfNoteGroups(fs, sections)...)
	}
	return minimalGroups(out)
}

// oneOfNoteGroups returns the groups the paragraphs and notes of the
// params sections state, read as relaxOneOfNotes reads them: the fields a
// sentence names at any depth, a group of each object's members.
func (p *page) oneOfNoteGroups(fs []model.Field, sections []*section) []model.Alternative {
	var out []model.Alternative
	for _, s := range sections {
		for _, b := range s.blocks {
			_ = ast.Walk(b.node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *yfm.Table:
					return ast.WalkSkipChildren, nil
				case *ast.Paragraph:
					if entering {
						if sentence := oneOfSentence(b.src.inlineText(n)); sentence != "" {
							out = appendGroups(out, namedGroups(fs, nil, sentence, true), p.ownLine(b.src, n))
						}
					}
					return ast.WalkSkipChildren, nil
				}
				return ast.WalkContinue, nil
			})
		}
	}
	return out
}

// ownLine returns the line of a node of the page's own file, 0 for a
// fragment's.
func (p *page) ownLine(src *source, n ast.Node) int {
	if src != p.source {
		return 0
	}
	return src.nodeLine(n)
}

// namedGroups returns the groups of the fields a sentence names in
// backquotes: those of fs, the members of the object at parent, when there
// are two and one is marked required (otherwise the sentence relaxes
// nothing and may speak of something else), and, deep, those of the
// members of each field.
func namedGroups(fs []model.Field, parent []string, sentence string, deep bool) []model.Alternative {
	var out []model.Alternative
	var members []string
	required := false
	for _, f := range fs {
		if strings.Contains(sentence, "`"+f.Name+"`") && !slices.Contains(members, f.Name) {
			members = append(members, f.Name)
			required = required || f.Required.IsRequired()
		}
		if deep {
			out = append(out, namedGroups(f.Fields, append(slices.Clip(parent), f.Name), sentence, true)...)
		}
	}
	if len(members) >= 2 && required {
		out = append([]model.Alternative{{Parent: slices.Clone(parent), Params: members}}, out...)
	}
	return out
}

// conditionalGroups returns, at every depth under parent, the groups of a
// field required when the siblings its description names are not given
// (relaxConditional makes it optional), and those siblings.
func conditionalGroups(fs []model.Field, parent []string) []model.Alternative {
	var out []model.Alternative
	for _, f := range fs {
		out = append(out, conditionalGroups(f.Fields, append(slices.Clip(parent), f.Name))...)
		i := lexicon.conditional.index(fold(f.Description))
		if i < 0 {
			continue
		}
		sentence := f.Description[i:]
		if end := strings.IndexAny(sentence, ".\n"); end >= 0 {
			sentence = sentence[:end]
		}
		if !lexicon.absent.in(fold(sentence)) {
			continue
		}
		var members []string
		for _, g := range fs {
			if g.Name == f.Name || strings.Contains(sentence, "`"+g.Name+"`") {
				members = append(members, g.Name)
			}
		}
		if len(members) >= 2 {
			out = append(out, model.Alternative{Parent: slices.Clone(parent), Params: members})
		}
	}
	return out
}

// appendGroups appends the groups not yet in out, at line.
func appendGroups(out, groups []model.Alternative, line int) []model.Alternative {
	for _, g := range groups {
		if g.Parent == nil {
			g.Parent = []string{}
		}
		if !slices.ContainsFunc(out, func(a model.Alternative) bool { return sameGroup(a, g) }) {
			g.Line = line
			out = append(out, g)
		}
	}
	return out
}

func sameGroup(a, b model.Alternative) bool {
	return slices.Equal(a.Parent, b.Parent) && slices.Equal(a.Params, b.Params)
}

// minimalGroups drops the groups that hold all the members of another of
// the same object (a call that gives one of the smaller group gives one
// of the larger), and the second statement of a group.
func minimalGroups(groups []model.Alternative) []model.Alternative {
	var out []model.Alternative
	for i, g := range groups {
		implied := false
		for j, h := range groups {
			smaller := len(h.Params) < len(g.Params) || len(h.Params) == len(g.Params) && j < i
			if i != j && smaller && slices.Equal(h.Parent, g.Parent) &&
				!slices.ContainsFunc(h.Params, func(p string) bool { return !slices.Contains(g.Params, p) }) {
				implied = true
				break
			}
		}
		if !implied {
			out = append(out, g)
		}
	}
	return out
}
