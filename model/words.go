package model

import "strings"

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
	methods, methodPages := map[string]*Method{}, map[string][]*Method{}
	for i := range words.Methods {
		m := &words.Methods[i]
		if k := m.API + "/" + strings.ToLower(m.Name); methods[k] == nil {
			methods[k] = m
		}
		methodPages[m.File] = append(methodPages[m.File], m)
	}
	for i := range a.Methods {
		m := &a.Methods[i]
		src := methods[m.API+"/"+strings.ToLower(m.Name)]
		if page := methodPages[m.File]; src == nil && len(page) == 1 && page[0].API == m.API {
			src = page[0]
		}
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
		for j := range src.Errors {
			e := &src.Errors[j]
			if k := errorKey(e); errs[k] == nil {
				errs[k] = e
			}
		}
		for j := range m.Errors {
			if e := errs[errorKey(&m.Errors[j])]; e != nil {
				m.Errors[j].Description = wordOr(e.Description, m.Errors[j].Description)
			}
		}
	}
	events, eventPages := map[string]*Event{}, map[string][]*Event{}
	for i := range words.Events {
		e := &words.Events[i]
		events[strings.ToLower(e.Name)] = e
		eventPages[e.File] = append(eventPages[e.File], e)
	}
	for i := range a.Events {
		e := &a.Events[i]
		src := events[strings.ToLower(e.Name)]
		if page := eventPages[e.File]; src == nil && len(page) == 1 {
			src = page[0]
		}
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

// errorKey tells a method's errors apart: by code, its own from the
// shared system errors.
func errorKey(e *Error) string {
	if e.System {
		return "system/" + e.Code
	}
	return e.Code
}

// wordOr is the other edition's text, or the own one when the other
// edition leaves it empty.
func wordOr(other, own string) string {
	if strings.TrimSpace(other) == "" {
		return own
	}
	return other
}
