// Package apidiff reports how the API changed between two versions of the
// docs: methods and events added, removed, renamed (the docs changed the
// case of a name the portal compares without case) and changed — their
// parameters, returned fields and error codes — with the changes that
// break callers or the generated code marked. The model says what OpenAPI
// does not carry (events, error codes, a rename); oasdiff's checker,
// run on the two OpenAPI documents, adds what the schemas show.
//
// What breaks. A change is breaking when it breaks a caller of the
// generated Go code ("go": code that no longer compiles, or a type that
// changes; what golang.org/x/exp/apidiff finds incompatible, which a test
// holds the report to) or a client generated from the OpenAPI document
// ("openapi"); each breaking change says which (Change.Breaks):
//
//   - a method or event removed, a parameter, returned field or event
//     field removed, a type changed: both (a Go type or member is gone or
//     changes; the schema an OpenAPI client was generated from does too);
//   - a parameter made required: OpenAPI (its validation refuses a call
//     without it), and Go when its member was a b24.Opt (not a list or
//     raw JSON); a parameter no longer required: Go in that case only; a
//     required parameter added: OpenAPI (a new member breaks no Go code);
//   - a method renamed by case: Go only, when its Go name changes (an
//     override in b24gen.yaml keeps it); the portal compares names
//     without case, so calls keep working;
//   - an oasdiff finding of level error: OpenAPI.
//
// Error codes are an open set: a code added to or removed from a method,
// or from the system errors every method includes, breaks no caller and
// is reported as a change only; so are oasdiff's findings on the error
// answers (a code added to the enum of the error member, a status added).
// A code removed whose constant the generated package then no longer
// declares breaks Go code that names it: Go.
//
// Cross-cutting changes. A change of a shared include reaches every method
// that includes it; the report gives it once, with the methods it reaches
// (Report.CrossCutting), and leaves it out of each method's entry: a
// change of the system errors, and a type change of a field whose
// documented type stays the same but resolves to another base type (its
// definition changed, not the page) when it reaches two methods or more.
package apidiff

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// What a breaking change breaks (Change.Breaks).
const (
	BreaksGo      = "go"
	BreaksOpenAPI = "openapi"
)

// breaksBoth is what most breaking changes break.
var breaksBoth = []string{BreaksGo, BreaksOpenAPI}

// systemErrors names the shared include of system errors.
const systemErrors = "system errors"

// Side is one version of the API: its model, its OpenAPI document, or
// both.
type Side struct {
	API     *model.API
	OpenAPI *openapi3.T
}

// Report is the change from the old side to the new.
type Report struct {
	Added   []Entry `json:"added"`
	Removed []Entry `json:"removed"`
	Renamed []Entry `json:"renamed"`
	Changed []Entry `json:"changed"`
	// CrossCutting are the changes of a shared include, each once.
	CrossCutting []CrossCut `json:"crossCutting"`
	// Breaking counts the entries with a breaking change: methods and
	// events removed, renamed or changed, and cross-cutting changes.
	Breaking int `json:"breaking"`
	// BreakingGo and BreakingOpenAPI count those that break the generated
	// Go code and an OpenAPI client.
	BreakingGo      int `json:"breakingGo"`
	BreakingOpenAPI int `json:"breakingOpenAPI"`
}

// CrossCut is one change of a shared include, with the methods and events
// it reaches.
type CrossCut struct {
	// Subject names the include: "system errors", or "type NAME".
	Subject string `json:"subject"`
	Change
	// Methods are the names of the methods and events it reaches.
	Methods []string `json:"methods"`
	Reaches int      `json:"reaches"`
}

// Entry is one method or event.
type Entry struct {
	// Method is the name in the new docs (in the old, for removals).
	Method string `json:"method"`
	// Kind is "method" or "event".
	Kind string `json:"kind"`
	// API is "v3" for a REST 3.0 method, which may share its name with a
	// REST 2 one; "" otherwise.
	API string `json:"api,omitempty"`
	// From is the old name of a renamed method.
	From     string `json:"from,omitempty"`
	Title    string `json:"title,omitempty"`
	Breaking bool   `json:"breaking"`
	// Breaks says what the breaking changes break: go, openapi.
	Breaks  []string `json:"breaks,omitempty"`
	Changes []Change `json:"changes,omitempty"`
}

// Change is one change of a method.
type Change struct {
	// Kind names the change: param-added, param-removed, param-required,
	// param-optional, param-type, return-added, return-removed,
	// return-type, error-added, error-removed, deprecated, undeprecated,
	// field-added, field-removed, field-type (events); one of the Go
	// declarations no table explains: result-go-type, data-go-type,
	// {param,return,field}-go-type, {param,return,field}-go-removed,
	// go-renamed, go-iterator-removed, go-enum-removed, go-enum-changed,
	// error-constant-renamed;
	// or an oasdiff check id (Source "openapi").
	Kind     string `json:"kind"`
	Path     string `json:"path,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Breaking bool   `json:"breaking"`
	// Breaks says what a breaking change breaks: go, openapi, or both.
	Breaks []string `json:"breaks,omitempty"`
	Text   string   `json:"text"`
	// Source is "model" or "openapi".
	Source string `json:"source"`

	// shared names the include the change may come from ("" for the
	// page itself): systemErrors, "type NAME", or "error answers" (an
	// oasdiff finding on them, without a model).
	shared string
	// args are the arguments of an oasdiff finding.
	args []string
}

// breaking marks a change breaking for what it breaks.
func (c Change) breaking(what ...string) Change {
	c.Breaking, c.Breaks = true, what
	return c
}

// Compare reports the change from old to new.
func Compare(old, new Side) (*Report, error) {
	r := &Report{Added: []Entry{}, Removed: []Entry{}, Renamed: []Entry{}, Changed: []Entry{}}
	changed := map[string]*Entry{}
	renames := map[string]string{} // old path → new path
	if old.API != nil && new.API != nil {
		oldGo, newGo := analysis.Analyze(old.API, analysis.Options{}), analysis.Analyze(new.API, analysis.Options{})
		oldViews, newViews := viewsOf(oldGo), viewsOf(newGo)
		views := declSides{goViews: [2]goViews{oldViews, newViews}, newEnums: newViews.enums(), docs: [2]*openapi3.T{old.OpenAPI, new.OpenAPI}}
		compareMethods(r, changed, renames, old.API, new.API, goErrorsLost(oldGo, newGo), views)
		compareEvents(r, changed, old.API, new.API, views)
	}
	if old.OpenAPI != nil && new.OpenAPI != nil {
		if err := compareOpenAPI(r, changed, renames, old.OpenAPI, new.OpenAPI, old.API == nil || new.API == nil); err != nil {
			return nil, err
		}
	}
	r.CrossCutting = fold(changed)
	for _, e := range changed {
		r.Changed = append(r.Changed, *e)
	}
	for _, list := range [][]Entry{r.Added, r.Removed, r.Renamed, r.Changed} {
		slices.SortFunc(list, func(a, b Entry) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Method), strings.ToLower(b.Method)), strings.Compare(a.Method, b.Method))
		})
	}
	for _, list := range [][]Entry{r.Removed, r.Renamed, r.Changed} {
		for i := range list {
			e := &list[i]
			for _, c := range e.Changes {
				e.Breaking = e.Breaking || c.Breaking
				e.Breaks = union(e.Breaks, c.Breaks)
			}
			r.count(e.Breaks)
		}
	}
	for _, x := range r.CrossCutting {
		r.count(x.Breaks)
	}
	return r, nil
}

// count counts an entry that breaks what.
func (r *Report) count(what []string) {
	if len(what) > 0 {
		r.Breaking++
	}
	if slices.Contains(what, BreaksGo) {
		r.BreakingGo++
	}
	if slices.Contains(what, BreaksOpenAPI) {
		r.BreakingOpenAPI++
	}
}

// union returns the marks of a and b, in the order of breaksBoth.
func union(a, b []string) []string {
	var out []string
	for _, w := range breaksBoth {
		if slices.Contains(a, w) || slices.Contains(b, w) {
			out = append(out, w)
		}
	}
	return out
}

// fold takes the changes of shared includes out of the entries and
// returns them once each, with the methods they reach: every change of
// the system errors, and a change of a shared type (or, without a model,
// one finding on the error answers) when it reaches two methods or more. oasdiff's findings on a folded field of a method go
// with it. An entry left with no change is no longer changed.
func fold(changed map[string]*Entry) []CrossCut {
	type key struct{ shared, kind, path, from, to string }
	keyOf := func(c Change) key {
		k := key{c.shared, c.Kind, c.Path, c.From, c.To}
		if strings.HasPrefix(c.shared, "type ") {
			k.path = "" // one type, wherever a field has it
		}
		return k
	}
	groups := map[key]*CrossCut{}
	for _, e := range changed {
		for _, c := range e.Changes {
			if c.shared == "" {
				continue
			}
			k := keyOf(c)
			g := groups[k]
			if g == nil {
				g = &CrossCut{Subject: c.shared, Change: c}
				if k.path == "" {
					g.Path, g.Text = "", fmt.Sprintf("changed from %s to %s", c.From, c.To)
				}
				groups[k] = g
			}
			// a type's fields may break Go in one place and not in another
			g.Breaking = g.Breaking || c.Breaking
			g.Breaks = union(g.Breaks, c.Breaks)
			if !slices.Contains(g.Methods, e.Method) {
				g.Methods = append(g.Methods, e.Method)
			}
		}
	}
	var out []CrossCut
	folded := map[key]bool{}
	for k, g := range groups {
		if k.shared != systemErrors && len(g.Methods) < 2 {
			continue
		}
		folded[k] = true
		slices.SortFunc(g.Methods, func(a, b string) int {
			return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
		})
		g.Reaches = len(g.Methods)
		out = append(out, *g)
	}
	for id, e := range changed {
		var paths []string // the fields folded, as oasdiff spells them
		kept := e.Changes[:0:0]
		for _, c := range e.Changes {
			k := keyOf(c)
			if c.shared != "" && folded[k] {
				paths = append(paths, strings.ReplaceAll(c.Path, ".", "/"))
				continue
			}
			kept = append(kept, c)
		}
		if len(paths) > 0 {
			kept = slices.DeleteFunc(kept, func(c Change) bool {
				return c.Source == "openapi" && slices.ContainsFunc(c.args, func(a string) bool { return slices.Contains(paths, a) })
			})
		}
		if len(kept) == 0 {
			delete(changed, id)
			continue
		}
		e.Changes = kept
	}
	slices.SortFunc(out, func(a, b CrossCut) int {
		return cmp.Or(strings.Compare(a.Subject, b.Subject), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Path, b.Path), strings.Compare(a.From, b.From))
	})
	return out
}

// methodKey keys a method by its API and its name without case, as the
// portal compares names.
func methodKey(m *model.Method) string { return m.API + "/" + strings.ToLower(m.Name) }

func compareMethods(r *Report, changed map[string]*Entry, renames map[string]string, old, new *model.API, lost map[string]map[string]bool, views declSides) {
	before := map[string]*model.Method{}
	for i := range old.Methods {
		before[methodKey(&old.Methods[i])] = &old.Methods[i]
	}
	after := map[string]bool{}
	for i := range new.Methods {
		m := &new.Methods[i]
		k := methodKey(m)
		after[k] = true
		o, ok := before[k]
		switch {
		case !ok:
			r.Added = append(r.Added, Entry{Method: m.Name, Kind: "method", API: m.API, Title: m.Title})
			continue
		case o.Name != m.Name:
			r.Renamed = append(r.Renamed, renamed(Entry{Method: m.Name, Kind: "method", API: m.API, From: o.Name, Title: m.Title}, views.pair(k, o.Name, m.Name)))
			renames["/"+o.Name] = "/" + m.Name
		}
		if cs := methodChanges(o, m, lost[methodKey(o)], views.pair(k, o.Name, m.Name)); len(cs) > 0 {
			changed[k] = &Entry{Method: m.Name, Kind: "method", API: m.API, Title: m.Title, Changes: cs}
		}
	}
	for i := range old.Methods {
		o := &old.Methods[i]
		if !after[methodKey(o)] {
			r.Removed = append(r.Removed, Entry{Method: o.Name, Kind: "method", API: o.API, Title: o.Title,
				Changes: []Change{Change{Kind: "removed", Text: "the method is no longer documented", Source: "model"}.breaking(breaksBoth...)}})
		}
	}
}

func compareEvents(r *Report, changed map[string]*Entry, old, new *model.API, views declSides) {
	before := map[string]*model.Event{}
	for i := range old.Events {
		before[strings.ToLower(old.Events[i].Name)] = &old.Events[i]
	}
	after := map[string]bool{}
	for i := range new.Events {
		e := &new.Events[i]
		k := strings.ToLower(e.Name)
		after[k] = true
		o, ok := before[k]
		switch {
		case !ok:
			r.Added = append(r.Added, Entry{Method: e.Name, Kind: "event", Title: e.Title})
			continue
		case o.Name != e.Name:
			r.Renamed = append(r.Renamed, renamed(Entry{Method: e.Name, Kind: "event", From: o.Name, Title: e.Title}, views.pair("event/"+k, "", "")))
		}
		g := views.pair("event/"+k, "", "")
		cs := append(goRenamed(o.Name == e.Name, g), g.declChanges()...)
		fieldChanges(&cs, "field", model.FieldsByPath(o.Fields, nil), model.FieldsByPath(e.Fields, nil), false, g)
		if g.known() && g.old.Result != g.new.Result {
			cs = append(cs, Change{Kind: "data-go-type", From: g.old.Result, To: g.new.Result, Source: "model",
				Text: fmt.Sprintf("its Go data changes from `%s` to `%s`", g.old.Result, g.new.Result)}.breaking(BreaksGo))
		}
		if len(cs) > 0 {
			changed["event/"+k] = &Entry{Method: e.Name, Kind: "event", Title: e.Title, Changes: cs}
		}
	}
	for i := range old.Events {
		o := &old.Events[i]
		if !after[strings.ToLower(o.Name)] {
			r.Removed = append(r.Removed, Entry{Method: o.Name, Kind: "event", Title: o.Title,
				Changes: []Change{Change{Kind: "removed", Text: "the event is no longer documented", Source: "model"}.breaking(breaksBoth...)}})
		}
	}
}

// renamed gives a rename its change: the Go name follows the new spelling
// (unless an override keeps it), which breaks Go callers when it differs;
// the portal compares names without case, so nothing else breaks.
func renamed(e Entry, g declPair) Entry {
	c := Change{Kind: "renamed", From: e.From, To: e.Method, Source: "model",
		Text: fmt.Sprintf("renamed from `%s`; the portal compares names without case", e.From)}
	goNameChanged := naming.Ident(e.From, naming.Exported) != naming.Ident(e.Method, naming.Exported)
	if g.known() {
		goNameChanged = g.old.Name != g.new.Name
	}
	if goNameChanged {
		c = c.breaking(BreaksGo)
		c.Text = fmt.Sprintf("renamed from `%s`: the Go name changes unless an override in b24gen.yaml keeps it", e.From)
	}
	e.Changes = []Change{c}
	return e
}

// goRenamed returns the change of a Go name the docs' name does not
// explain (sameName): another declaration took it, or gave it back.
func goRenamed(sameName bool, g declPair) []Change {
	if !sameName || !g.known() || g.old.Name == g.new.Name {
		return nil
	}
	return []Change{Change{Kind: "go-renamed", From: g.old.Name, To: g.new.Name, Source: "model",
		Text: fmt.Sprintf("its Go name changes from `%s` to `%s`", g.old.Name, g.new.Name)}.breaking(BreaksGo)}
}

// methodChanges compares two versions of a method.
func methodChanges(o, m *model.Method, lostConsts map[string]bool, g declPair) []Change {
	cs := append(goRenamed(o.Name == m.Name, g), g.declChanges()...)
	switch {
	case !o.Deprecated && m.Deprecated:
		cs = append(cs, Change{Kind: "deprecated", Text: "the method is now deprecated", Source: "model"})
	case o.Deprecated && !m.Deprecated:
		cs = append(cs, Change{Kind: "undeprecated", Text: "the method is no longer deprecated", Source: "model"})
	}
	fieldChanges(&cs, "param", model.FieldsByPath(o.Params, nil), model.FieldsByPath(m.Params, nil), true, g)
	fieldChanges(&cs, "return", model.FieldsByPath(o.Returns, nil), model.FieldsByPath(m.Returns, nil), false, g)
	if g.known() && g.old.Result != g.new.Result && !slices.ContainsFunc(cs, func(c Change) bool { return c.Path == "result" && c.Kind == "return-type" }) {
		// the docs' tables may say nothing of it: the examples, or the
		// namespace's convention, typed the result
		cs = append(cs, Change{Kind: "result-go-type", Path: "result", From: g.old.Result, To: g.new.Result, Source: "model",
			Text: fmt.Sprintf("the Go result changes from `%s` to `%s`", orNone(g.old.Result), orNone(g.new.Result))}.breaking(BreaksGo))
	}
	// error codes are an open set: a code added or removed breaks no
	// caller, but a code removed whose constant the generated package no
	// longer declares breaks Go code that names it
	for _, system := range []bool{false, true} {
		shared := ""
		if system {
			shared = systemErrors
		}
		oldCodes, newCodes := codes(o, system), codes(m, system)
		for _, c := range slices.Sorted(maps.Keys(newCodes)) {
			if _, ok := oldCodes[c]; !ok {
				cs = append(cs, Change{Kind: "error-added", Path: c, Text: fmt.Sprintf("error code `%s`%s added", c, status(newCodes[c])), Source: "model", shared: shared})
			}
		}
		for _, c := range slices.Sorted(maps.Keys(oldCodes)) {
			if _, ok := newCodes[c]; ok && lostConsts[strings.ToLower(c)] {
				// another code took its constant's name, or gave it back
				cs = append(cs, Change{Kind: "error-constant-renamed", Path: c, Source: "model", shared: shared,
					Text: fmt.Sprintf("error code `%s`: its constant is renamed, or names another code now", c)}.breaking(BreaksGo))
				continue
			}
			if _, ok := newCodes[c]; !ok {
				ch := Change{Kind: "error-removed", Path: c, Text: fmt.Sprintf("error code `%s`%s removed", c, status(oldCodes[c])), Source: "model", shared: shared}
				if lostConsts[strings.ToLower(c)] {
					ch = ch.breaking(BreaksGo)
					ch.Text += ", and its constant with it"
				}
				cs = append(cs, ch)
			}
		}
	}
	return cs
}

// goErrorsLost returns, by method (methodKey), the error codes of the old
// API, case folded, whose constants the generated package of the method
// declares no longer (the package's methods document them no more), or
// with another value (Item_Locked for ITEM_LOCKED).
func goErrorsLost(oldA, newA *analysis.API) map[string]map[string]bool {
	// the new code's error constants and their codes
	kept := map[string]string{}
	for _, p := range newA.Packages {
		for _, e := range p.Errors {
			kept[p.Name+"."+e.Const] = e.Code
		}
	}
	out := map[string]map[string]bool{}
	for _, p := range oldA.Packages {
		for _, e := range p.Errors {
			if code, ok := kept[p.Name+"."+e.Const]; e.ByMessage || ok && code == e.Code {
				continue // the constant stays, with its value
			}
			for _, name := range e.Methods {
				k := methodKey(&model.Method{API: p.API, Name: name})
				if out[k] == nil {
					out[k] = map[string]bool{}
				}
				out[k][strings.ToLower(e.Code)] = true
			}
		}
	}
	return out
}

// status says an error's HTTP statuses, if the docs give them.
func status(s string) string {
	if s == "" {
		return ""
	}
	return " (HTTP " + s + ")"
}

// fieldChanges compares two sets of fields by path. For parameters
// (params), a new required parameter and a parameter that became required
// break callers; for what the portal sends, a field that disappears does.
// Either way a removed field or a changed type breaks the generated code.
func fieldChanges(cs *[]Change, what string, old, new map[string]model.Field, params bool, g declPair) {
	noun := map[string]string{"param": "parameter", "return": "returned field", "field": "field"}[what]
	// verdict marks c breaking for OpenAPI and, when its Go declaration
	// changed (guess, without the Go declarations), for Go
	verdict := func(c Change, openAPI bool, p string, guess bool) Change {
		if openAPI && strings.HasSuffix(c.Kind, "-type") {
			if changed, known := g.schemaChanged(what, p); known {
				openAPI = changed
			}
		}
		if openAPI && c.Kind == "param-required" {
			if required, known := g.requiredInExport(p); known {
				openAPI = required // the export may relax it: an example leaves it out
			}
		}
		goes := guess
		if g.known() {
			goes = g.changed(what, p)
		}
		switch {
		case openAPI && goes:
			return c.breaking(breaksBoth...)
		case openAPI:
			return c.breaking(BreaksOpenAPI)
		case goes:
			return c.breaking(BreaksGo)
		}
		return c
	}
	for _, p := range slices.Sorted(maps.Keys(new)) {
		f := new[p]
		o, ok := old[p]
		if !ok {
			c := Change{Kind: what + "-added", Path: p, To: typeName(f), Text: fmt.Sprintf("%s `%s` added", noun, p), Source: "model"}
			if params && f.Required.IsRequired() {
				// a new member of the Go request type breaks no Go code;
				// calls without it do not pass an OpenAPI client's checks
				// (unless the export relaxed it: an example leaves it out)
				if required, known := g.requiredInExport(p); required || !known {
					c = c.breaking(BreaksOpenAPI)
				}
				c.Text = fmt.Sprintf("required %s `%s` added", noun, p)
			}
			*cs = append(*cs, c)
			continue
		}
		if typeName(o) != typeName(f) {
			c := verdict(Change{Kind: what + "-type", Path: p, From: typeName(o), To: typeName(f),
				Text: fmt.Sprintf("%s `%s` changed type from %s to %s", noun, p, typeName(o), typeName(f)), Source: "model"}, true, p, true)
			if o.Type == f.Type && o.Array == f.Array && o.Type != "" {
				// the page names the same type: its definition changed
				c.shared = "type " + f.Type
			}
			*cs = append(*cs, c)
		}
		if params && !o.Required.IsRequired() && f.Required.IsRequired() {
			// b24.Opt[T] becomes T
			c := verdict(Change{Kind: "param-required", Path: p, Text: fmt.Sprintf("parameter `%s` is now required", p), Source: "model"}, true, p, optionalInGo(f))
			*cs = append(*cs, c)
		}
		if params && o.Required.IsRequired() && !f.Required.IsRequired() {
			// T becomes b24.Opt[T]
			c := verdict(Change{Kind: "param-optional", Path: p, Text: fmt.Sprintf("parameter `%s` is no longer required", p), Source: "model"}, false, p, optionalInGo(f))
			*cs = append(*cs, c)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(old)) {
		if _, ok := new[p]; !ok {
			*cs = append(*cs, verdict(Change{Kind: what + "-removed", Path: p, From: typeName(old[p]),
				Text: fmt.Sprintf("%s `%s` removed", noun, p), Source: "model"}, true, p, true))
		}
	}
	if g.known() {
		*cs = append(*cs, goOnlyChanges(*cs, what, noun, g)...)
	}
}

// goOnlyChanges returns the changes of the Go declarations of fields of
// the kind what that no change of the tables explains, nor one of a field
// they belong to: a type the examples now show otherwise, members
// inferred from examples that no longer show them, an enum type given to
// newly listed values.
func goOnlyChanges(cs []Change, what, noun string, g declPair) []Change {
	// a change of the tables at p or above it that breaks Go has said so
	explained := func(p string) bool {
		return slices.ContainsFunc(cs, func(c Change) bool {
			return slices.Contains(c.Breaks, BreaksGo) && (c.Path == p || strings.HasPrefix(p, c.Path+"."))
		})
	}
	var out []Change
	for _, p := range slices.Sorted(maps.Keys(g.old.Members)) {
		if isResultPath(p) != (what == "return") && what != "field" || explained(p) {
			continue
		}
		o := g.old.Members[p]
		n, ok := counterpart(g.old, g.new, p)
		switch {
		case !ok:
			out = append(out, Change{Kind: what + "-go-removed", Path: p, From: o, Source: "model",
				Text: fmt.Sprintf("%s `%s`: its Go member is gone, as the page's examples no longer show it", noun, p)}.breaking(BreaksGo))
		case n != o:
			out = append(out, Change{Kind: what + "-go-type", Path: p, From: o, To: n, Source: "model",
				Text: fmt.Sprintf("%s `%s`: its Go type changes from `%s` to `%s`", noun, p, o, n)}.breaking(BreaksGo))
		}
	}
	return out
}

// isResultPath reports whether a Go member's path is in a method's result.
func isResultPath(p string) bool { return strings.HasPrefix(p, "result.") }

// optionalInGo reports whether the Go member of a parameter is a b24.Opt
// when the parameter is optional and a plain value when it is required:
// any but a list and a value kept as raw JSON (or in a runtime map), which
// are nil when unset either way.
func optionalInGo(f model.Field) bool {
	if f.Array {
		return false
	}
	row, _ := model.BaseOf(f.Base)
	return f.IsObject() || row.GoRequest != ""
}

// typeName is the type a field has in the generated code: its base type,
// and [] for a list.
func typeName(f model.Field) string {
	t := string(f.Base)
	if t == "" {
		t = f.Type
	}
	if f.Array {
		t += "[]"
	}
	return t
}

// codes returns the method's own error codes, or its system errors, with
// their HTTP statuses ("400", "400, 403"; "" when the docs give none).
func codes(m *model.Method, system bool) map[string]string {
	statuses := map[string][]string{}
	for _, e := range m.Errors {
		if e.System != system || e.Code == "" {
			continue
		}
		s := statuses[e.Code]
		if e.Status != 0 && !slices.Contains(s, fmt.Sprint(e.Status)) {
			s = append(s, fmt.Sprint(e.Status))
		}
		statuses[e.Code] = s
	}
	out := map[string]string{}
	for c, s := range statuses {
		slices.Sort(s)
		out[c] = strings.Join(s, ", ")
	}
	return out
}

// isErrorAnswer tells an oasdiff finding on the error answers: a value
// added to or removed from the enum of the error member (the error code),
// or an error status added or removed. Error codes are an open set, so
// none of them breaks a client, whatever level oasdiff gives it.
func isErrorAnswer(c checker.Change) bool {
	switch c.GetId() {
	case checker.ResponseNonSuccessStatusAddedId, checker.ResponseNonSuccessStatusRemovedId:
		return true
	case checker.ResponsePropertyEnumValueAddedId, checker.ResponsePropertyEnumValueRemovedId,
		checker.ResponseWriteOnlyPropertyEnumValueAddedId:
		ac, ok := c.(checker.ApiChange)
		return ok && len(ac.Args) > 1 && fmt.Sprint(ac.Args[1]) == "error"
	}
	return false
}

// compareOpenAPI runs oasdiff's checker on the two documents and adds what
// it finds to the methods it finds it in. Paths the docs renamed by case
// are compared as the same path. Added and removed paths come from the
// model when there is one (alone says there is not).
func compareOpenAPI(r *Report, changed map[string]*Entry, renames map[string]string, old, new *openapi3.T, alone bool) error {
	if len(renames) > 0 && old.Paths != nil {
		for from, to := range renames {
			if item := old.Paths.Value(from); item != nil && new.Paths.Value(to) != nil {
				old.Paths.Delete(from)
				old.Paths.Set(to, item)
			}
		}
	}
	d, err := diff.Get(diff.NewConfig(), old, new)
	if err != nil {
		return fmt.Errorf("oasdiff: %w", err)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, &diff.OperationsSourcesMap{}, checker.INFO)
	l := checker.NewDefaultLocalizer()
	known := map[string]bool{}
	for _, e := range r.Added {
		known[strings.ToLower(e.Method)] = true
	}
	for _, e := range r.Removed {
		known[strings.ToLower(e.Method)] = true
	}
	for _, c := range changes {
		method := strings.TrimPrefix(c.GetPath(), "/")
		if method == "" {
			continue
		}
		id := c.GetId()
		switch id {
		case "endpoint-added", "api-path-added":
			if alone {
				r.Added = append(r.Added, Entry{Method: method, Kind: "method"})
			}
			continue
		case "endpoint-removed", "api-path-removed-without-deprecation", "api-path-removed-before-sunset", "api-removed-without-deprecation", "api-removed-before-sunset":
			if alone {
				r.Removed = append(r.Removed, Entry{Method: method, Kind: "method", Breaking: true,
					Changes: []Change{{Kind: id, Breaking: true, Text: c.GetUncolorizedText(l), Source: "openapi"}}})
			}
			continue
		}
		if known[strings.ToLower(method)] {
			continue
		}
		errorAnswer := isErrorAnswer(c)
		if errorAnswer && !alone {
			continue // the model reports the codes, the system errors once
		}
		// the key methodKey gives a classic method
		key := "/" + strings.ToLower(method)
		e, ok := changed[key]
		if !ok {
			e = &Entry{Method: method, Kind: "method"}
			changed[key] = e
		}
		// the document gives each request body as JSON and as a form: one
		// finding per media type says the same thing twice
		text, _, _ := strings.Cut(c.GetUncolorizedText(l), " (media type: ")
		dup := slices.ContainsFunc(e.Changes, func(x Change) bool { return x.Kind == id && x.Text == text })
		if dup {
			continue
		}
		x := Change{Kind: id, Text: text, Source: "openapi"}
		if ac, ok := c.(checker.ApiChange); ok {
			x.args = make([]string, 0, len(ac.Args))
			for _, a := range ac.Args {
				x.args = append(x.args, fmt.Sprint(a))
			}
		}
		switch {
		case errorAnswer:
			// without a model, the same finding on the error answers of
			// several methods is the shared include's
			x.shared, x.Path = "error answers", text
		case c.GetLevel() == checker.ERR:
			x = x.breaking(BreaksOpenAPI)
		}
		e.Changes = append(e.Changes, x)
	}
	return nil
}
