package apidiff

import (
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
			api := golang.EventAPI(e)
			out["event/"+strings.ToLower(e.Model.Name)] = &api
		}
	}
	return out
}

// declSides are the declarations of the old docs and of the new: the
// generated Go code's, and the OpenAPI documents when both sides have one.
type declSides struct {
	goViews [2]goViews
	docs    [2]*openapi3.T
}

// pair returns the old and new declarations of the method or event key,
// named oldName and newName in the docs ("" for an event: the OpenAPI
// documents describe methods).
func (v declSides) pair(key, oldName, newName string) declPair {
	g := declPair{old: v.goViews[0][key], new: v.goViews[1][key]}
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
	out := &golang.GoAPI{Name: api.Name, Result: strings.ReplaceAll(api.Result, api.Name, name), Members: map[string]string{}}
	for p, t := range api.Members {
		out.Members[p] = strings.ReplaceAll(t, api.Name, name)
	}
	return out
}

// declPair is the declarations of one method or event before and after:
// Go's, and the OpenAPI operations of a method when both documents have
// it.
type declPair struct {
	old, new     *golang.GoAPI
	oldOp, newOp *operationDoc
}

// known reports whether both sides were generated.
func (g declPair) known() bool { return g.old != nil && g.new != nil }

// changed reports whether the Go declaration of the field at path (of
// the kind what: param, return or field) differs: removed, added where
// it had none, or of another type. A path with none on either side
// (an envelope member, a field kept in Extra) changes no Go code.
func (g declPair) changed(what, path string) bool {
	if what == "return" && path == "result" {
		return g.old.Result != g.new.Result
	}
	o, inOld := g.old.Members[path]
	if !inOld {
		return false // an added member breaks no Go code
	}
	n, inNew := memberAt(g.new, path)
	return !inNew || o != n
}

// lookup returns the type of the member at path, or at the same path
// spelled in another case (resourceID, resourceId): the Go member is the
// same, named alike, only its JSON name changed.
func memberAt(api *golang.GoAPI, path string) (string, bool) {
	if t, ok := api.Members[path]; ok {
		return t, true
	}
	for p, t := range api.Members {
		if strings.EqualFold(p, path) {
			return t, true
		}
	}
	return "", false
}

// orNone spells a client function's result, "" for none.
func orNone(result string) string {
	if result == "" {
		return "error only"
	}
	return result
}
