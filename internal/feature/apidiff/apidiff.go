// Package apidiff reports how the API changed between two versions of the
// docs: methods and events added, removed, renamed (the docs changed the
// case of a name the portal compares without case) and changed — their
// parameters, returned fields and error codes — with the changes that
// break callers or the generated code marked. The model says what OpenAPI
// does not carry (events, error codes, a rename); oasdiff's checker,
// run on the two OpenAPI documents, adds what the schemas show.
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

	"github.com/b24gen/b24gen/model"
)

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
	// Breaking counts the methods and events with a breaking change.
	Breaking int `json:"breaking"`
}

// Entry is one method or event.
type Entry struct {
	// Method is the name in the new docs (in the old, for removals).
	Method string `json:"method"`
	// Kind is "method" or "event".
	Kind string `json:"kind"`
	// From is the old name of a renamed method.
	From     string   `json:"from,omitempty"`
	Title    string   `json:"title,omitempty"`
	Breaking bool     `json:"breaking"`
	Changes  []Change `json:"changes,omitempty"`
}

// Change is one change of a method.
type Change struct {
	// Kind names the change: param-added, param-removed, param-required,
	// param-optional, param-type, return-added, return-removed,
	// return-type, error-added, error-removed, deprecated, undeprecated,
	// field-added, field-removed, field-type (events), or an oasdiff
	// check id (Source "openapi").
	Kind     string `json:"kind"`
	Path     string `json:"path,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Breaking bool   `json:"breaking"`
	Text     string `json:"text"`
	// Source is "model" or "openapi".
	Source string `json:"source"`
}

// Compare reports the change from old to new.
func Compare(old, new Side) (*Report, error) {
	r := &Report{Added: []Entry{}, Removed: []Entry{}, Renamed: []Entry{}, Changed: []Entry{}}
	changed := map[string]*Entry{}
	renames := map[string]string{} // old path → new path
	if old.API != nil && new.API != nil {
		compareMethods(r, changed, renames, old.API, new.API)
		compareEvents(r, changed, old.API, new.API)
	}
	if old.OpenAPI != nil && new.OpenAPI != nil {
		if err := compareOpenAPI(r, changed, renames, old.OpenAPI, new.OpenAPI, old.API == nil || new.API == nil); err != nil {
			return nil, err
		}
	}
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
			}
			if e.Breaking {
				r.Breaking++
			}
		}
	}
	return r, nil
}

// methodKey keys a method by its API and its name without case, as the
// portal compares names.
func methodKey(m *model.Method) string { return m.API + "/" + strings.ToLower(m.Name) }

func compareMethods(r *Report, changed map[string]*Entry, renames map[string]string, old, new *model.API) {
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
			r.Added = append(r.Added, Entry{Method: m.Name, Kind: "method", Title: m.Title})
			continue
		case o.Name != m.Name:
			r.Renamed = append(r.Renamed, Entry{Method: m.Name, Kind: "method", From: o.Name, Title: m.Title})
			renames["/"+o.Name] = "/" + m.Name
		}
		if cs := methodChanges(o, m); len(cs) > 0 {
			changed[k] = &Entry{Method: m.Name, Kind: "method", Title: m.Title, Changes: cs}
		}
	}
	for i := range old.Methods {
		o := &old.Methods[i]
		if !after[methodKey(o)] {
			r.Removed = append(r.Removed, Entry{Method: o.Name, Kind: "method", Title: o.Title, Breaking: true,
				Changes: []Change{{Kind: "removed", Breaking: true, Text: "the method is no longer documented", Source: "model"}}})
		}
	}
}

func compareEvents(r *Report, changed map[string]*Entry, old, new *model.API) {
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
			r.Renamed = append(r.Renamed, Entry{Method: e.Name, Kind: "event", From: o.Name, Title: e.Title})
		}
		var cs []Change
		fieldChanges(&cs, "field", model.FieldsByPath(o.Fields, nil), model.FieldsByPath(e.Fields, nil), false)
		if len(cs) > 0 {
			changed["event/"+k] = &Entry{Method: e.Name, Kind: "event", Title: e.Title, Changes: cs}
		}
	}
	for i := range old.Events {
		o := &old.Events[i]
		if !after[strings.ToLower(o.Name)] {
			r.Removed = append(r.Removed, Entry{Method: o.Name, Kind: "event", Title: o.Title, Breaking: true,
				Changes: []Change{{Kind: "removed", Breaking: true, Text: "the event is no longer documented", Source: "model"}}})
		}
	}
}

// methodChanges compares two versions of a method.
func methodChanges(o, m *model.Method) []Change {
	var cs []Change
	switch {
	case !o.Deprecated && m.Deprecated:
		cs = append(cs, Change{Kind: "deprecated", Text: "the method is now deprecated", Source: "model"})
	case o.Deprecated && !m.Deprecated:
		cs = append(cs, Change{Kind: "undeprecated", Text: "the method is no longer deprecated", Source: "model"})
	}
	fieldChanges(&cs, "param", model.FieldsByPath(o.Params, nil), model.FieldsByPath(m.Params, nil), true)
	fieldChanges(&cs, "return", model.FieldsByPath(o.Returns, nil), model.FieldsByPath(m.Returns, nil), false)
	oldCodes, newCodes := codes(o), codes(m)
	for _, c := range slices.Sorted(maps.Keys(newCodes)) {
		if !oldCodes[c] {
			cs = append(cs, Change{Kind: "error-added", Path: c, Text: fmt.Sprintf("error code `%s` added", c), Source: "model"})
		}
	}
	for _, c := range slices.Sorted(maps.Keys(oldCodes)) {
		if !newCodes[c] {
			cs = append(cs, Change{Kind: "error-removed", Path: c, Text: fmt.Sprintf("error code `%s` removed", c), Source: "model"})
		}
	}
	return cs
}

// fieldChanges compares two sets of fields by path. For parameters
// (params), a new required parameter and a parameter that became required
// break callers; for what the portal sends, a field that disappears does.
// Either way a removed field or a changed type breaks the generated code.
func fieldChanges(cs *[]Change, what string, old, new map[string]model.Field, params bool) {
	noun := map[string]string{"param": "parameter", "return": "returned field", "field": "field"}[what]
	for _, p := range slices.Sorted(maps.Keys(new)) {
		f := new[p]
		o, ok := old[p]
		if !ok {
			c := Change{Kind: what + "-added", Path: p, To: typeName(f), Text: fmt.Sprintf("%s `%s` added", noun, p), Source: "model"}
			if params && f.Required.IsRequired() {
				c.Breaking, c.Text = true, fmt.Sprintf("required %s `%s` added", noun, p)
			}
			*cs = append(*cs, c)
			continue
		}
		if typeName(o) != typeName(f) {
			*cs = append(*cs, Change{Kind: what + "-type", Path: p, From: typeName(o), To: typeName(f), Breaking: true,
				Text: fmt.Sprintf("%s `%s` changed type from %s to %s", noun, p, typeName(o), typeName(f)), Source: "model"})
		}
		if params && !o.Required.IsRequired() && f.Required.IsRequired() {
			*cs = append(*cs, Change{Kind: "param-required", Path: p, Breaking: true, Text: fmt.Sprintf("parameter `%s` is now required", p), Source: "model"})
		}
		if params && o.Required.IsRequired() && !f.Required.IsRequired() {
			*cs = append(*cs, Change{Kind: "param-optional", Path: p, Text: fmt.Sprintf("parameter `%s` is no longer required", p), Source: "model"})
		}
	}
	for _, p := range slices.Sorted(maps.Keys(old)) {
		if _, ok := new[p]; !ok {
			*cs = append(*cs, Change{Kind: what + "-removed", Path: p, From: typeName(old[p]), Breaking: true,
				Text: fmt.Sprintf("%s `%s` removed", noun, p), Source: "model"})
		}
	}
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

// codes returns the method's own error codes.
func codes(m *model.Method) map[string]bool {
	out := map[string]bool{}
	for _, e := range m.Errors {
		if !e.System && e.Code != "" {
			out[e.Code] = true
		}
	}
	return out
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
		if !dup {
			e.Changes = append(e.Changes, Change{Kind: id, Breaking: c.GetLevel() == checker.ERR, Text: text, Source: "openapi"})
		}
	}
	return nil
}
