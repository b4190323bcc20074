package model

import (
	"fmt"
	"strings"
)

// Wording says what TakeWords took from the other edition.
type Wording struct {
	// Methods and Events count those whose text now comes from the other
	// edition.
	Methods, Events int
	// MethodsKept and EventsKept are those the other edition does not
	// document: they keep their own text.
	MethodsKept, EventsKept []string
}

// TakeWords gives the API the words of another edition of the docs (the
// English tree for an API read from the Russian one): titles, summaries,
// who may call or subscribe, and the descriptions of parameters, returned
// fields and errors, matched by method or event name (case ignored, REST
// 3.0 apart) or, for a name the other edition spells differently, by the
// page both editions keep at the same path; then by field path and error
// code. Everything that makes the API —
// names, types, required marks, enums, error codes and statuses,
// examples — stays as it is. A method, event, field or error the other
// edition does not document keeps its own text, so that nothing goes
// undocumented.
func (a *API) TakeWords(words *API) Wording {
	var w Wording
	methodKey := func(m *Method) string { return m.API + "/" + strings.ToLower(m.Name) }
	methodPage := func(m *Method) string { return m.API + "/" + m.File }
	for i, src := range counterparts(a.Methods, words.Methods, methodKey, methodPage) {
		m := &a.Methods[i]
		if src == nil {
			w.MethodsKept = append(w.MethodsKept, m.Name)
			continue
		}
		w.Methods++
		m.Title = wordOr(src.Title, m.Title)
		m.Summary = wordOr(src.Summary, m.Summary)
		m.Permissions = wordOr(src.Permissions, m.Permissions)
		takeFieldWords(m.Params, src.Params)
		takeFieldWords(m.Returns, src.Returns)
		errs := map[string]*Error{}
		for j, k := range errorKeys(src.Errors) {
			errs[k] = &src.Errors[j]
		}
		for j, k := range errorKeys(m.Errors) {
			if e := errs[k]; e != nil {
				m.Errors[j].Description = wordOr(e.Description, m.Errors[j].Description)
				m.Errors[j].Fix = wordOr(e.Fix, m.Errors[j].Fix)
			}
		}
	}
	eventKey := func(e *Event) string { return strings.ToLower(e.Name) }
	eventPage := func(e *Event) string { return e.File }
	for i, src := range counterparts(a.Events, words.Events, eventKey, eventPage) {
		e := &a.Events[i]
		if src == nil {
			w.EventsKept = append(w.EventsKept, e.Name)
			continue
		}
		w.Events++
		e.Title = wordOr(src.Title, e.Title)
		e.Summary = wordOr(src.Summary, e.Summary)
		e.Permissions = wordOr(src.Permissions, e.Permissions)
		takeFieldWords(e.Fields, src.Fields)
	}
	return w
}

// counterparts returns, for each item of own, the item of other with the
// same key or, when none has it, the only item of other on the same page;
// nil when there is neither.
func counterparts[T any](own, other []T, key, page func(*T) string) []*T {
	byKey, byPage := map[string]*T{}, map[string][]*T{}
	for i := range other {
		x := &other[i]
		if k := key(x); byKey[k] == nil {
			byKey[k] = x
		}
		byPage[page(x)] = append(byPage[page(x)], x)
	}
	out := make([]*T, len(own))
	for i := range own {
		x := &own[i]
		out[i] = byKey[key(x)]
		if same := byPage[page(x)]; out[i] == nil && len(same) == 1 {
			out[i] = same[0]
		}
	}
	return out
}

// takeFieldWords gives each field the description of the field at the
// same path in words.
func takeFieldWords(fs, words []Field) {
	for i := range fs {
		f := &fs[i]
		if src := FindField(words, f.Name); src != nil {
			f.Description = wordOr(src.Description, f.Description)
			takeFieldWords(f.Fields, src.Fields)
		}
	}
}

// errorKeys tell a method's errors apart, in the page's order: by code,
// its own from the shared system errors, and by how many errors of the
// same code come before it, since several have none (told apart by their
// message, which each edition writes in its own words) and a REST 3.0 code
// has a row per field.
func errorKeys(errs []Error) []string {
	keys := make([]string, len(errs))
	seen := map[string]int{}
	for i, e := range errs {
		k := e.Code
		if e.System {
			k = "system/" + k
		}
		keys[i] = fmt.Sprintf("%s#%d", k, seen[k])
		seen[k]++
	}
	return keys
}

// wordOr is the other edition's text, or the own one when the other
// edition leaves it empty.
func wordOr(other, own string) string {
	if strings.TrimSpace(other) == "" {
		return own
	}
	return other
}
