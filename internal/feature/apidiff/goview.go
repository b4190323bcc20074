package apidiff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/generator/golang"
)

// Whether a change of the docs breaks Go code is decided on what the
// generated code declares, not on the tables: the analysis types a result
// or a member from the page's examples and its namespace's conventions
// too, so a table's type may change with no Go declaration changing, and
// a Go declaration may change with no table changing.

// goViews are the Go declarations of each method (by methodKey) and event
// (by "event/" and its name, case folded).
type goViews map[string]*golang.GoAPI

func viewsOf(a *analysis.API) goViews {
	out := goViews{}
	for _, m := range a.Methods {
		api := golang.MethodAPI(m)
		out[methodKey(m.Model)] = &api
	}
	if a.Events != nil {
		for _, e := range a.Events.Events {
			api := golang.EventAPI(a.Events.Name, e)
			out["event/"+strings.ToLower(e.Model.Name)] = &api
		}
	}
	return out
}

// enums returns the enum types and constants of each package, by
// package and name.
func (v goViews) enums() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, api := range v {
		if out[api.Package] == nil {
			out[api.Package] = map[string]string{}
		}
		for name, decl := range api.Enums {
			out[api.Package][name] = decl
		}
	}
	return out
}

// declSides are the declarations of the old docs and of the new: the
// generated Go code's, and the OpenAPI documents when both sides have one.
type declSides struct {
	goViews [2]goViews
	// newEnums are the new code's enum declarations by package and name.
	newEnums map[string]map[string]string
	docs     [2]*openapi3.T
}

// pair returns the old and new declarations of the method or event key,
// named oldName and newName in the docs ("" for an event: the OpenAPI
// documents describe methods).
func (v declSides) pair(key, oldName, newName string) declPair {
	g := declPair{old: v.goViews[0][key], new: v.goViews[1][key], newEnums: v.newEnums}
	if g.known() && g.old.Name != g.new.Name {
		g.old = renamedAPI(g.old, g.new.Name)
	}
	if oldName != "" && v.docs[0] != nil && v.docs[1] != nil {
		g.oldOp, g.newOp = operation(v.docs[0], oldName), operation(v.docs[1], newName)
	}
	return g
}

// renamedAPI returns api with its types named as they are after a rename
// to name (FileCopytoResult as FileCopyToResult): the rename is reported
// once, as itself.
func renamedAPI(api *golang.GoAPI, name string) *golang.GoAPI {
	rename := func(s string) string { return strings.ReplaceAll(s, api.Name, name) }
	out := &golang.GoAPI{Package: api.Package, Name: api.Name, Result: rename(api.Result),
		Members: map[string]string{}, GoPaths: api.GoPaths, Enums: map[string]string{}}
	for p, t := range api.Members {
		out.Members[p] = rename(t)
	}
	for _, it := range api.Iterators {
		out.Iterators = append(out.Iterators, rename(it))
	}
	for n, d := range api.Enums {
		out.Enums[rename(n)] = rename(d)
	}
	return out
}

// declPair is the declarations of one method or event before and after:
// Go's, and the OpenAPI operations of a method when both documents have
// it.
type declPair struct {
	old, new     *golang.GoAPI
	newEnums     map[string]map[string]string
	oldOp, newOp *operationDoc
}

// known reports whether both sides were generated.
func (g declPair) known() bool { return g.old != nil && g.new != nil }

// changed reports whether the Go declaration of the field at path (of
// the kind what: param, return or field) changed: gone, or of another
// type. A member added breaks no Go code, and a path with no member on
// the old side (an envelope member, a field kept in Extra) changes none.
func (g declPair) changed(what, path string) bool {
	if what == "return" && path == "result" {
		return g.old.Result != g.new.Result
	}
	o, inOld := g.old.Members[path]
	if !inOld {
		return false // an added member breaks no Go code
	}
	n, inNew := counterpart(g.old, g.new, path)
	return !inNew || o != n
}

// counterpart returns the type of the new member that stands for the old
// one at path: the member at the same path if the Go code still names it
// so, or else the one the Go code names as it named the old (ITEM_ID that
// became ITEM-ID is one Go member, ItemID); ok is false when there is
// none.
func counterpart(old, new *golang.GoAPI, path string) (typ string, ok bool) {
	goPath := old.GoPaths[path]
	if t, ok := new.Members[path]; ok && new.GoPaths[path] == goPath {
		return t, true
	}
	for p, gp := range new.GoPaths {
		if gp == goPath {
			return new.Members[p], true
		}
	}
	return "", false
}

// declChanges returns the changes of what a method or event declares
// besides its members: an iterator gone (another method took its name),
// an enum type or constant it declared gone from its package or changed
// (a value removed, its constant renamed or given another value, the
// type's kind changed). An enum a package keeps, whoever declares it now,
// is no change.
func (g declPair) declChanges() []Change {
	if !g.known() {
		return nil
	}
	var out []Change
	for _, it := range g.old.Iterators {
		if !slices.Contains(g.new.Iterators, it) {
			out = append(out, Change{Kind: "go-iterator-removed", From: it, Source: "model",
				Text: fmt.Sprintf("its iterator `%s` is gone: another declaration took the name, or the paging is no longer known", it)}.breaking(BreaksGo))
		}
	}
	kept := g.newEnums[g.new.Package]
	for _, name := range slices.Sorted(maps.Keys(g.old.Enums)) {
		o := g.old.Enums[name]
		switch n, ok := kept[name]; {
		case !ok:
			out = append(out, Change{Kind: "go-enum-removed", From: name, Source: "model",
				Text: fmt.Sprintf("`%s` is no longer declared: a documented value or its type is gone, or named otherwise", name)}.breaking(BreaksGo))
		case n != o:
			out = append(out, Change{Kind: "go-enum-changed", From: o, To: n, Source: "model",
				Text: fmt.Sprintf("`%s` changes from `%s` to `%s`", name, o, n)}.breaking(BreaksGo))
		}
	}
	return out
}

// orNone spells a client function's result, "" for none.
func orNone(result string) string {
	if result == "" {
		return "error only"
	}
	return result
}
