package analysis

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// resultSamples returns the results of a method's response examples that
// are not templates, null and empty ones included: each must decode into
// the result type.
func resultSamples(m *model.Method) []json.RawMessage {
	var out []json.RawMessage
	for _, e := range m.Examples {
		if e.Kind != model.ExampleResponse || e.Template {
			continue
		}
		var env struct {
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(e.JSON, &env) != nil || len(env.Result) == 0 {
			continue
		}
		out = append(out, env.Result)
	}
	return out
}

// emptyAnswer returns the empty value ([], {} or null) the first of a
// method's response examples shows as the result when each that has a
// result shows it empty; "" when none has one, or one shows a value.
func emptyAnswer(m *model.Method) string {
	first := ""
	for _, r := range resultSamples(m) {
		switch v := strings.Join(strings.Fields(string(r)), ""); v {
		case "[]", "{}", "null":
			if first == "" {
				first = v
			}
		default:
			return ""
		}
	}
	return first
}

// resultOf returns the type of a method's result: the documented one,
// with what its response examples show where the page says nothing and
// where they contradict it; nil when neither the page nor an example shows
// a result.
func resultOf(m *model.Method) (*model.Field, *provenance) {
	doc := m.ResultField()
	samples := resultSamples(m)
	if doc == nil {
		inf, ok := inferAnswer(protocol.Result, samples)
		switch {
		case len(samples) == 0:
			return nil, &provenance{untyped: "the page documents no result and shows no response example"}
		case !ok:
			return nil, &provenance{untyped: "the page documents no result, and its response examples show it only empty"}
		case !allFitAnswer(&inf, samples):
			return nil, &provenance{untyped: "the page documents no result, and no type reads its response examples"}
		}
		p := inferred(&inf, Inferred)
		if isRaw(&inf, RoleAnswer) {
			var s shape
			for _, v := range samples {
				s.add(v)
			}
			p.untyped = untypedReason(model.Field{}, &s, len(samples), RoleAnswer)
		}
		return &inf, p
	}
	f, p := answerType(*doc, samples)
	return &f, p
}

// eventDataOf returns the type of an event's data, documented as doc (nil
// when the page does not document it), with what the page's example
// payloads show where the table says nothing and where they contradict
// it.
func eventDataOf(e *model.Event, doc *model.Field) (*model.Field, *provenance) {
	var samples []json.RawMessage
	for _, ex := range e.Examples {
		if ex.Kind != model.ExampleEvent || ex.Template {
			continue
		}
		var payload struct {
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(ex.JSON, &payload) != nil || len(payload.Data) == 0 {
			continue
		}
		samples = append(samples, payload.Data)
	}
	if doc == nil {
		inf, ok := inferAnswer("data", samples)
		if !ok || !allFitAnswer(&inf, samples) {
			return nil, nil
		}
		return &inf, inferred(&inf, Inferred)
	}
	f, p := answerType(*doc, samples)
	return &f, p
}

// answerType returns the type of a value of an answer documented as doc
// that reads every sample of it, and where it comes from: doc itself when
// it reads them and says what they are; with the members, element or type
// the samples show where doc has none; widened where doc does not read a
// sample.
func answerType(doc model.Field, samples []json.RawMessage) (model.Field, *provenance) {
	if IsLocalized(&doc) {
		// a text or texts by language, whatever the examples show: the
		// runtime's type reads both (Member.Localized)
		return doc, nil
	}
	doc = unionType(doc, RoleAnswer)
	doc = KeyedObject(doc)
	f, p := reconcileAnswer(doc, samples)
	if !allFitAnswer(&f, samples) {
		// no type the analysis knows reads them all
		f = doc
		f.Base, f.Array, f.Fields, f.Enum = protocol.Any, false, nil, nil
		p = &provenance{origin: Widened}
	}
	if isRaw(&f, RoleAnswer) {
		var s shape
		for _, v := range samples {
			s.add(v)
		}
		if p == nil {
			p = &provenance{}
		}
		p.untyped = untypedReason(doc, &s, len(samples), RoleAnswer)
	}
	return f, p
}

// isRaw reports whether the Go code keeps a field's values as raw JSON
// (json.RawMessage) in the role's types: a field of neither members nor a
// list nor a map, whose base type has no Go type of its own (an object
// without members, a list of unknown elements, any value).
func isRaw(f *model.Field, r Role) bool {
	if f.Array || f.Map || f.IsObject() {
		return false
	}
	row, _ := model.BaseOf(f.Base)
	if r == RoleRequest {
		return row.GoRequest == ""
	}
	return row.GoAnswer == ""
}

// untypedReason says why a field documented as doc, whose values in the
// examples have the shape s (n values), is kept as raw JSON.
func untypedReason(doc model.Field, s *shape, n int, r Role) string {
	strong := s.kinds &^ weakKinds
	documented := "no type documented"
	switch {
	case doc.Base == protocol.Object:
		documented = "no members documented"
	case doc.Base == protocol.Array:
		documented = "no element type documented"
	case doc.Base == protocol.Any && strings.Contains(doc.Type, "|"):
		documented = "documented as " + doc.Type + ", which no one type reads"
	case doc.Base == protocol.Any:
		documented = "documented as any value"
	case doc.Base == protocol.File:
		return "a file, which answers have no type for"
	}
	switch {
	case n == 0:
		return documented + ", and no example shows a value"
	case strong == 0:
		return documented + ", and the examples show only empty values"
	case r == RoleRequest && strong == kObject:
		return documented + ", and the examples send objects, whose members a request's type does not take from examples: callers may send others"
	case strong == kObject:
		return documented + ", and the examples' keys are ids or codes, not member names"
	case strong == kList:
		return documented + ", and the examples' lists hold lists or mixed values"
	case r == RoleRequest && doc.Base != protocol.Any && doc.Base != "":
		return documented + ", and the examples send values of other types"
	}
	return documented + ", and the examples show values of different kinds"
}

func reconcileAnswer(doc model.Field, samples []json.RawMessage) (model.Field, *provenance) {
	if len(samples) == 0 {
		return doc, nil
	}
	switch {
	case doc.Map:
		// keys documented as keys (keyedObject): the samples' values are
		// the values'
		var values []json.RawMessage
		for _, v := range samples {
			members, isObj := objectMembers(v)
			if !isObj && !isObjectValue(v) {
				return widenAnswer(doc, samples)
			}
			for _, m := range members {
				values = append(values, m.value)
			}
		}
		return mapOf(doc, samples, values, answerType, widenAnswer)
	case doc.Array:
		var elems []json.RawMessage
		for _, s := range samples {
			es, ok := listElems(s)
			if !ok {
				return widenAnswer(doc, samples)
			}
			elems = append(elems, es...)
		}
		elem := doc
		elem.Array = false
		f, p := answerType(elem, elems)
		if f.Array {
			// a list of lists: a list of raw values
			f.Base, f.Fields, f.Enum = protocol.Array, nil, nil
		}
		f.Array = true
		return f, p
	case doc.IsObject():
		for _, s := range samples {
			if !isObjectValue(s) {
				return widenAnswer(doc, samples)
			}
		}
		if _, ok := keyedSamples(doc, samples, rowsByKey); ok {
			// the object is a row of a PHP array keyed by ID, which
			// b24.List reads: a list of it
			c := doc
			c.Array = true
			f, p := reconcileAnswer(c, samples)
			return f, widened(p)
		}
		if values, ok := keyedSamples(doc, samples, mapValues); ok {
			// the object maps IDs to values of what it documents
			// ({"1":[…events of user 1…]}): a map of them, which b24.Map
			// reads; of raw values when they are of different kinds
			// (im.department.employees.get: ids or users, as asked)
			f, p := answerType(doc, values)
			if f.Map {
				return widenAnswer(doc, samples)
			}
			f.Map = true
			return f, widened(p)
		}
		return answerObject(doc, samples)
	case needsInference(doc):
		inf, ok := inferAnswer(doc.Name, samples)
		if !ok || !allFitAnswer(&inf, samples) {
			return doc, nil
		}
		f := adopt(doc, inf)
		return f, inferred(&f, Inferred)
	case allFitAnswer(&doc, samples):
		return doc, nil
	}
	return widenAnswer(doc, samples)
}

// answerObject reconciles the documented members of an object with the
// samples, all objects or empty values.
func answerObject(doc model.Field, samples []json.RawMessage) (model.Field, *provenance) {
	out := doc
	out.Fields = slices.Clone(doc.Fields)
	values := make([][]json.RawMessage, len(out.Fields))
	for _, s := range samples {
		members, _ := objectMembers(s)
		for _, m := range members {
			if f := memberField(doc.Fields, m.key); f != nil {
				i := fieldIndex(doc.Fields, f)
				values[i] = append(values[i], m.value)
			}
		}
	}
	var prov *provenance
	for i := range out.Fields {
		f, p := answerType(out.Fields[i], values[i])
		out.Fields[i] = f
		if p != nil {
			if prov == nil {
				prov = &provenance{origin: Documented, members: make([]*provenance, len(out.Fields))}
			}
			prov.members[i] = p
		}
	}
	return out, prov
}

// mapOf returns the type of a map documented as doc (doc.Map), of whose
// samples values are the values: a map of the type that reads them
// (typ), or doc widened (widen) when that type is a map itself.
func mapOf[S any](doc model.Field, samples, values []S, typ, widen func(model.Field, []S) (model.Field, *provenance)) (model.Field, *provenance) {
	value := doc
	value.Map = false
	f, p := typ(value, values)
	if f.Map {
		return widen(doc, samples)
	}
	f.Map = true
	return f, p
}

// KeyedObject returns an object documented by its keys alone as a map:
// its rows stand for keys (<siteId>, {id}, UF_*: IsPlaceholderField),
// beside which some may be PHP array keys ("0"), each of one and the same
// type (landing.role.getRights: "0" and <siteId>, both lists of right
// codes), and nothing else. The value is that type, under the object's
// name and description; the map holds every key, documented or not. Rows
// of integer keys alone are members, each with its own words; any other
// field is returned as it is too.
func KeyedObject(doc model.Field) model.Field {
	if doc.Map || doc.Array || !doc.IsObject() {
		return doc
	}
	value := doc.Fields[0]
	placeholders := 0
	for i := range doc.Fields {
		k := &doc.Fields[i]
		switch {
		case !sameType(k, &value):
			return doc
		case IsPlaceholderField(k):
			placeholders++
		case !protocol.IsArrayKey(k.Name):
			return doc
		}
	}
	if placeholders == 0 {
		return doc
	}
	value.Name, value.Description, value.Required, value.Map = doc.Name, doc.Description, doc.Required, true
	return value
}

// sameType reports whether two fields hold values of the same type:
// base, list, values and members alike, names and words aside.
func sameType(a, b *model.Field) bool {
	if a.Base != b.Base || a.Array != b.Array || a.Map != b.Map || !slices.Equal(a.Enum, b.Enum) || len(a.Fields) != len(b.Fields) {
		return false
	}
	for i := range a.Fields {
		if a.Fields[i].Name != b.Fields[i].Name || !sameType(&a.Fields[i], &b.Fields[i]) {
			return false
		}
	}
	return true
}

// keyedSamples returns the values of the samples of a value documented
// as doc when each is an empty value or an object that keyed reads as
// keyed (rowsByKey: rows by their IDs; mapValues: IDs or codes mapped to
// values), none of the keys a documented member, and at least one is not
// empty. ok is false otherwise.
func keyedSamples(doc model.Field, samples []json.RawMessage, keyed func([]member) ([]json.RawMessage, bool)) (values []json.RawMessage, ok bool) {
	for _, s := range samples {
		members, isObj := objectMembers(s)
		switch {
		case !isObj && !isObjectValue(s):
			return nil, false
		case len(members) == 0:
			continue // null, [], {}, ""
		}
		vs, isKeyed := keyed(members)
		if !isKeyed {
			return nil, false
		}
		for _, m := range members {
			if memberField(doc.Fields, m.key) != nil {
				return nil, false
			}
		}
		values = append(values, vs...)
	}
	return values, len(values) > 0
}

// widened returns the provenance p of a type the examples widened.
func widened(p *provenance) *provenance {
	if p == nil {
		p = &provenance{}
	}
	p.origin = Widened
	return p
}

// fieldIndex returns the index of f, an element of fields.
func fieldIndex(fields []model.Field, f *model.Field) int {
	for i := range fields {
		if &fields[i] == f {
			return i
		}
	}
	return -1
}

// widenAnswer returns the type of a value the documented type doc does
// not read every sample of: a wider base type that reads them (an integer
// for a boolean that is 13, a string for an integer that is "a7bd"), a
// list of doc where the samples are lists of it, or else the samples' own
// type; any value when none reads them all.
func widenAnswer(doc model.Field, samples []json.RawMessage) (model.Field, *provenance) {
	if !doc.Array && !doc.IsObject() {
		for _, b := range widerBases[doc.Base] {
			c := doc
			c.Base = b
			if allFitAnswer(&c, samples) {
				return c, &provenance{origin: Widened}
			}
		}
	}
	if !doc.Array && anyList(samples) {
		c := doc
		c.Array = true
		if f, p := reconcileAnswer(c, samples); allFitAnswer(&f, samples) {
			return f, widened(p)
		}
	}
	if !doc.Array && !doc.IsObject() {
		if values, ok := keyedSamples(doc, samples, mapValues); ok && allFitAnswer(&doc, values) {
			// IDs mapped to values of the documented type
			f := doc
			f.Map = true
			return f, &provenance{origin: Widened}
		}
	}
	if inf, ok := inferAnswer(doc.Name, samples); ok && allFitAnswer(&inf, samples) {
		f := adopt(doc, inf)
		return f, inferred(&f, Widened)
	}
	f := doc
	f.Base, f.Array, f.Fields, f.Enum = protocol.Any, false, nil, nil
	return f, &provenance{origin: Widened}
}

// widerBases are, for a base type, the wider ones whose runtime types read
// its values and more, narrowest first.
var widerBases = map[model.Base][]model.Base{
	protocol.Boolean:  {protocol.Integer, protocol.Double, protocol.String},
	protocol.Integer:  {protocol.Double, protocol.String},
	protocol.Double:   {protocol.String},
	protocol.Decimal:  {protocol.String},
	protocol.Char:     {protocol.String},
	protocol.Date:     {protocol.DateTime, protocol.String},
	protocol.DateTime: {protocol.String},
	protocol.Time:     {protocol.String},
}

// needsInference reports whether the documented type says nothing of what
// its values are: an object without members, a list of unknown elements,
// a value of any type or of a type the parser could not resolve.
func needsInference(f model.Field) bool {
	switch f.Base {
	case protocol.Object:
		return len(f.Fields) == 0
	case protocol.Array, protocol.Any, "":
		return true
	}
	_, known := model.BaseOf(f.Base)
	return !known
}

// adopt gives the inferred type of a field what the page documents of it.
func adopt(doc, inf model.Field) model.Field {
	inf.Name, inf.Description, inf.Required, inf.Default = doc.Name, doc.Description, doc.Required, doc.Default
	inf.Type = doc.Type
	if inf.Base != doc.Base {
		inf.Enum = nil
	} else {
		inf.Enum = doc.Enum
	}
	return inf
}

// inferred returns the provenance of a type inferred from examples, with
// its members', all of origin o.
func inferred(f *model.Field, o Origin) *provenance {
	p := &provenance{origin: o}
	if f.IsObject() {
		p.inferredMembers = true
		p.members = make([]*provenance, len(f.Fields))
		for i := range f.Fields {
			p.members[i] = inferred(&f.Fields[i], Inferred)
		}
	}
	return p
}

// isObjectValue reports whether a value reads as an object: an object,
// null, or an empty value.
func isObjectValue(raw []byte) bool {
	t := bytes.TrimSpace(raw)
	return string(t) == "null" || string(t) == `"undefined"` || isEmptyValue(t) || len(t) > 0 && t[0] == '{'
}

// anyList reports whether a sample is a list with elements (or an object
// of rows by key, rowsByKey).
func anyList(samples []json.RawMessage) bool {
	for _, s := range samples {
		t := bytes.TrimSpace(s)
		if len(t) == 0 || isEmptyValue(t) {
			continue
		}
		if t[0] == '[' {
			return true
		}
		if members, ok := objectMembers(t); ok {
			if _, isList := rowsByKey(members); isList {
				return true
			}
		}
	}
	return false
}

func allFitAnswer(f *model.Field, samples []json.RawMessage) bool {
	for _, s := range samples {
		if !fitsAnswer(f, s) {
			return false
		}
	}
	return true
}

// unionType types a field documented as a union of types
// ("string|boolean", "integer|integer[]"), which the parser resolves to
// any, when one type of the runtime reads every alternative: the
// narrowest scalar that reads them all, a list of it when an alternative
// is a list (the runtime's lists, and the server, read a single value as a
// list of one). Unions with objects or lists of unknown elements stay
// any, for the examples to tell.
func unionType(f model.Field, r Role) model.Field {
	if f.Base != protocol.Any || !strings.Contains(f.Type, "|") {
		return f
	}
	var bases []model.Base
	list := false
	for alt := range strings.SplitSeq(f.Type, "|") {
		alt = strings.TrimSpace(alt)
		if a, ok := strings.CutSuffix(alt, "[]"); ok {
			alt, list = a, true
		}
		b, ok := model.BaseNamed(alt)
		if !ok {
			return f
		}
		switch b {
		case protocol.Object, protocol.Array, protocol.Any, protocol.File, protocol.Time:
			return f
		}
		bases = append(bases, b)
	}
	for _, c := range []model.Base{protocol.Boolean, protocol.Integer, protocol.Double, protocol.Decimal, protocol.Date, protocol.DateTime, protocol.String} {
		if coversAll(c, bases, r) {
			f.Base, f.Array = c, f.Array || list
			return f
		}
	}
	return f
}

// coversAll reports whether the runtime's type of base c reads the values
// of every base in bases, in answers or in requests.
func coversAll(c model.Base, bases []model.Base, r Role) bool {
	for _, b := range bases {
		if !covers(c, b, r) {
			return false
		}
	}
	return true
}

func covers(c, b model.Base, r Role) bool {
	if c == b || b == protocol.Text && c == protocol.String {
		return true
	}
	switch c {
	case protocol.Integer, protocol.Double, protocol.Decimal:
		// the number types read booleans in answers only
		return b == protocol.Boolean && r == RoleAnswer || b == protocol.Integer && c != protocol.Integer ||
			b == protocol.Double && c == protocol.Decimal
	case protocol.DateTime:
		return b == protocol.Date
	case protocol.String:
		return true
	}
	return false
}
