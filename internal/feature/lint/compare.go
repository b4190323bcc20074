package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// Comparison lists where two editions of the docs (the Russian and the
// English tree, same paths) describe a different API: methods one edition
// documents and the other does not or spells otherwise, and, for the
// methods both document, the parameters, required marks, types, returned
// fields and error codes that differ. It is meant for the docs team.
type Comparison struct {
	A, B string `json:"-"`
	// OnlyA and OnlyB are the methods one edition documents only.
	OnlyA []string `json:"only_a"`
	OnlyB []string `json:"only_b"`
	// Respelled are the methods the two editions name differently on the
	// same page.
	Respelled []Respelling `json:"respelled"`
	// Methods are the shared methods whose descriptions differ.
	Methods []MethodDiff `json:"methods"`
	// EventsOnlyA and EventsOnlyB are the events one edition documents
	// only; EventsRespelled those the same page names differently.
	EventsOnlyA     []string     `json:"events_only_a"`
	EventsOnlyB     []string     `json:"events_only_b"`
	EventsRespelled []Respelling `json:"events_respelled"`
	// Shared counts the methods both editions document; Agreeing those
	// whose parameters agree (names, required marks, base types).
	Shared   int `json:"shared"`
	Agreeing int `json:"agreeing"`
}

// Respelling is a method the same page names differently.
type Respelling struct {
	File string `json:"file"`
	A    string `json:"a"`
	B    string `json:"b"`
}

// MethodDiff is what differs for one method.
type MethodDiff struct {
	Method string `json:"method"`
	API    string `json:"api,omitempty"`
	FileA  string `json:"file_a"`
	FileB  string `json:"file_b"`
	// ParamsDiffer says the parameters disagree (names, required marks or
	// base types), which the agreement counts; returned fields and error
	// codes are listed but not counted.
	ParamsDiffer bool           `json:"params_differ"`
	Differences  []Disagreement `json:"differences"`
}

// Disagreement is one difference.
type Disagreement struct {
	// Kind: param-only-a, param-only-b, required, param-type,
	// return-only-a, return-only-b, return-type, error-only-a,
	// error-only-b.
	Kind string `json:"kind"`
	Path string `json:"path"`
	A    string `json:"a,omitempty"`
	B    string `json:"b,omitempty"`
}

// Compare compares two editions of the docs.
func Compare(a, b *parser.Result, nameA, nameB string) *Comparison {
	c := &Comparison{A: nameA, B: nameB, OnlyA: []string{}, OnlyB: []string{}, Respelled: []Respelling{}, Methods: []MethodDiff{},
		EventsOnlyA: []string{}, EventsOnlyB: []string{}, EventsRespelled: []Respelling{}}
	ma, mb := methodIndex(&a.API), methodIndex(&b.API)
	for _, k := range slices.Sorted(maps.Keys(ma)) {
		x, ok := mb[k]
		if !ok {
			continue
		}
		c.Shared++
		d := compareMethod(ma[k], x)
		if !d.ParamsDiffer {
			c.Agreeing++
		}
		if len(d.Differences) > 0 {
			c.Methods = append(c.Methods, d)
		}
	}
	// methods and events one edition only has: on the same page under
	// another name, or not at all
	onlyA, onlyB, respelled := unshared(ma, mb, func(m *model.Method) string { return m.File },
		func(m *model.Method) string { return m.Name }, display)
	c.OnlyA, c.OnlyB, c.Respelled = append(c.OnlyA, onlyA...), append(c.OnlyB, onlyB...), append(c.Respelled, respelled...)
	eventFile, eventName := func(e *model.Event) string { return e.File }, func(e *model.Event) string { return e.Name }
	onlyA, onlyB, respelled = unshared(eventIndex(&a.API), eventIndex(&b.API), eventFile, eventName,
		func(e *model.Event) string { return e.Name + " (" + e.File + ")" })
	c.EventsOnlyA, c.EventsOnlyB, c.EventsRespelled = append(c.EventsOnlyA, onlyA...), append(c.EventsOnlyB, onlyB...), append(c.EventsRespelled, respelled...)
	return c
}

// unshared sorts out the entries one edition indexes and the other does
// not. One on a page where the other edition has exactly one unshared
// entry is that entry spelled differently; the rest are listed as show
// writes them, in key order.
func unshared[T any](a, b map[string]*T, file, name, show func(*T) string) (onlyA, onlyB []string, respelled []Respelling) {
	unsharedB := map[string][]*T{}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, shared := a[k]; !shared {
			unsharedB[file(b[k])] = append(unsharedB[file(b[k])], b[k])
		}
	}
	paired := map[string]bool{}
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if _, shared := b[k]; shared {
			continue
		}
		x := a[k]
		if others := unsharedB[file(x)]; len(others) == 1 {
			respelled = append(respelled, Respelling{File: file(x), A: name(x), B: name(others[0])})
			paired[file(x)] = true
			continue
		}
		onlyA = append(onlyA, show(x))
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, shared := a[k]; !shared && !paired[file(b[k])] {
			onlyB = append(onlyB, show(b[k]))
		}
	}
	return onlyA, onlyB, respelled
}

func methodIndex(api *model.API) map[string]*model.Method {
	out := map[string]*model.Method{}
	for i := range api.Methods {
		m := &api.Methods[i]
		k := m.API + "/" + strings.ToLower(m.Name)
		if _, dup := out[k]; !dup {
			out[k] = m
		}
	}
	return out
}

func eventIndex(api *model.API) map[string]*model.Event {
	out := map[string]*model.Event{}
	for i := range api.Events {
		out[strings.ToLower(api.Events[i].Name)] = &api.Events[i]
	}
	return out
}

func display(m *model.Method) string {
	name := m.Name
	if m.API == model.APIv3 {
		name += " (REST 3.0)"
	}
	return name + " (" + m.File + ")"
}

// compareMethod lists the differences of two descriptions of a method.
func compareMethod(a, b *model.Method) MethodDiff {
	d := MethodDiff{Method: a.Name, API: a.API, FileA: a.File, FileB: b.File}
	pa, pb := fieldIndex(a.Params), fieldIndex(b.Params)
	for _, p := range slices.Sorted(maps.Keys(pa)) {
		fa := pa[p]
		fb, ok := pb[p]
		if !ok {
			d.add("param-only-a", p, string(fa.Base), "")
			continue
		}
		if fa.Required.IsRequired() != fb.Required.IsRequired() {
			d.add("required", p, requirement(fa), requirement(fb))
		}
		if fa.Base != fb.Base {
			d.add("param-type", p, typeText(fa), typeText(fb))
		}
	}
	for _, p := range slices.Sorted(maps.Keys(pb)) {
		if _, ok := pa[p]; !ok {
			d.add("param-only-b", p, "", string(pb[p].Base))
		}
	}
	d.ParamsDiffer = len(d.Differences) > 0
	ra, rb := fieldIndex(a.Returns), fieldIndex(b.Returns)
	for _, p := range slices.Sorted(maps.Keys(ra)) {
		fb, ok := rb[p]
		switch {
		case !ok:
			d.add("return-only-a", p, string(ra[p].Base), "")
		case ra[p].Base != fb.Base:
			d.add("return-type", p, typeText(ra[p]), typeText(fb))
		}
	}
	for _, p := range slices.Sorted(maps.Keys(rb)) {
		if _, ok := ra[p]; !ok {
			d.add("return-only-b", p, "", string(rb[p].Base))
		}
	}
	ca, cb := ownCodes(a), ownCodes(b)
	for _, code := range slices.Sorted(maps.Keys(ca)) {
		if !cb[code] {
			d.add("error-only-a", code, "", "")
		}
	}
	for _, code := range slices.Sorted(maps.Keys(cb)) {
		if !ca[code] {
			d.add("error-only-b", code, "", "")
		}
	}
	return d
}

func (d *MethodDiff) add(kind, path, a, b string) {
	d.Differences = append(d.Differences, Disagreement{Kind: kind, Path: path, A: a, B: b})
}

func requirement(f model.Field) string {
	if f.Required.IsRequired() {
		return "required"
	}
	return "optional"
}

func typeText(f model.Field) string {
	t := string(f.Base)
	if t == "" {
		t = "unresolved " + f.Type
	}
	if f.Array {
		t += "[]"
	}
	return t
}

// fieldIndex indexes fields by dotted path, leaving out those under a name
// that stands for many (UF_*, <selector>, a translated placeholder): the
// editions word them in their own language.
func fieldIndex(fs []model.Field) map[string]model.Field {
	return model.FieldsByPath(fs, func(f model.Field) bool { return isPlaceholder(f.Name) })
}

// isPlaceholder recognises a documented name that is not a name: a
// wildcard or a placeholder, in any language.
func isPlaceholder(name string) bool {
	if strings.ContainsAny(name, "<>*…{} ") || strings.Contains(name, "...") {
		return true
	}
	return strings.IndexFunc(name, func(r rune) bool { return r > unicode.MaxASCII }) >= 0
}

func ownCodes(m *model.Method) map[string]bool {
	out := map[string]bool{}
	for _, e := range m.Errors {
		if !e.System && e.Code != "" && !isPlaceholder(e.Code) {
			out[e.Code] = true
		}
	}
	return out
}

// Agreement is the share of shared methods whose parameters agree.
func (c *Comparison) Agreement() float64 {
	if c.Shared == 0 {
		return 1
	}
	return float64(c.Agreeing) / float64(c.Shared)
}

// WriteText writes the report, summary counts last.
func (c *Comparison) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Comparing %s (A) with %s (B)\n", c.A, c.B)
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(lines))
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	var respelled []string
	for _, r := range c.Respelled {
		respelled = append(respelled, fmt.Sprintf("%s: A %s, B %s", r.File, r.A, r.B))
	}
	section("Methods the same page names differently", respelled)
	var eventsRespelled []string
	for _, r := range c.EventsRespelled {
		eventsRespelled = append(eventsRespelled, fmt.Sprintf("%s: A %s, B %s", r.File, r.A, r.B))
	}
	section("Events the same page names differently", eventsRespelled)
	section("Methods documented in A only", c.OnlyA)
	section("Methods documented in B only", c.OnlyB)
	section("Events documented in A only", c.EventsOnlyA)
	section("Events documented in B only", c.EventsOnlyB)
	if len(c.Methods) > 0 {
		fmt.Fprintf(w, "\nMethods described differently (%d):\n", len(c.Methods))
	}
	for _, m := range c.Methods {
		file := m.FileA
		if m.FileB != m.FileA {
			file += " / " + m.FileB
		}
		fmt.Fprintf(w, "  %s (%s)\n", m.Method, file)
		for _, d := range m.Differences {
			fmt.Fprintf(w, "    %s\n", d.text())
		}
	}
	counts := map[string]int{}
	for _, m := range c.Methods {
		for _, d := range m.Differences {
			counts[d.Kind]++
		}
	}
	fmt.Fprintf(w, "\nSummary: %d methods in both, %d with the same parameters (%.1f%%); %d named differently, %d in A only, %d in B only; events: %d named differently, %d in A only, %d in B only.\n",
		c.Shared, c.Agreeing, 100*c.Agreement(), len(c.Respelled), len(c.OnlyA), len(c.OnlyB), len(c.EventsRespelled), len(c.EventsOnlyA), len(c.EventsOnlyB))
	fmt.Fprintf(w, "Differences: ")
	for i, k := range slices.Sorted(maps.Keys(counts)) {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %d", k, counts[k])
	}
	fmt.Fprintln(w)
}

func (d Disagreement) text() string {
	switch d.Kind {
	case "param-only-a":
		return "parameter " + d.Path + ": in A only"
	case "param-only-b":
		return "parameter " + d.Path + ": in B only"
	case "required":
		return fmt.Sprintf("parameter %s: %s in A, %s in B", d.Path, d.A, d.B)
	case "param-type":
		return fmt.Sprintf("parameter %s: %s in A, %s in B", d.Path, d.A, d.B)
	case "return-only-a":
		return "returned field " + d.Path + ": in A only"
	case "return-only-b":
		return "returned field " + d.Path + ": in B only"
	case "return-type":
		return fmt.Sprintf("returned field %s: %s in A, %s in B", d.Path, d.A, d.B)
	case "error-only-a":
		return "error code " + d.Path + ": in A only"
	case "error-only-b":
		return "error code " + d.Path + ": in B only"
	}
	return d.Kind + " " + d.Path
}

// WriteJSON writes the report as JSON.
func (c *Comparison) WriteJSON(w io.Writer) error {
	out := struct {
		A, B string
		*Comparison
		Agreement float64 `json:"agreement"`
	}{c.A, c.B, c, c.Agreement()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
