package parser

// This file owns alternative sets of fields: the several ways to call a
// method, each with a parameter table of its own, and the tabs of one
// parameter (one table per entity type, say), merged into one set.

import (
	"slices"
	"strings"

	"github.com/b24gen/b24gen/model"
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
