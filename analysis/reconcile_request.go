package analysis

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// requestSamples returns the parameters of a method's request examples
// that are not templates and are objects, read as the generated server
// reads a JSON body (numbers as json.Number), without the OAuth token.
func requestSamples(m *model.Method) []map[string]any {
	var out []map[string]any
	for _, e := range m.Examples {
		if e.Kind != model.ExampleRequest || e.Template {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(e.JSON))
		dec.UseNumber()
		var params map[string]any
		if dec.Decode(&params) != nil || params == nil {
			continue
		}
		delete(params, "auth")
		out = append(out, params)
	}
	return out
}

// paramsOf returns the parameters the generated server checks and the
// request type holds: the documented ones, with what the page's request
// examples show where the table says nothing of a parameter's type and
// where they contradict it — a wider type, a parameter that is not
// required after all.
func paramsOf(m *model.Method) ([]model.Field, *provenance) {
	return requestObject(m.Params, requestSamples(m))
}

// requestObject reconciles documented members with the objects that the
// samples send for them.
func requestObject(fields []model.Field, objs []map[string]any) ([]model.Field, *provenance) {
	out := slices.Clone(fields)
	var prov *provenance
	set := func(i int, p *provenance) {
		if prov == nil {
			prov = &provenance{members: make([]*provenance, len(out))}
		}
		prov.members[i] = p
	}
	for i := range out {
		f := out[i]
		if serverWildcard(f.Name) {
			continue
		}
		var values []any
		missing := false
		for _, obj := range objs {
			_, v, ok := protocol.Param(obj, f.Name)
			if !ok || v == nil {
				missing = true
				continue
			}
			values = append(values, v)
		}
		nf, p := requestType(f, values)
		if selectsFields(f, &nf, values) {
			nf.Base, nf.Array, nf.Fields = protocol.String, true, nil
			if p != nil {
				p.untyped = ""
			}
		}
		if q := queryOf(f, &nf, values); q != QueryNone {
			if p == nil {
				p = &provenance{}
			}
			p.query, p.untyped = q, ""
		}
		if missing && nf.Required.IsRequired() {
			nf.Required = model.Optional
			if p == nil {
				p = &provenance{}
			}
			p.relaxed = true
		}
		out[i] = nf
		if p != nil {
			set(i, p)
		}
	}
	return out, prov
}

// requestType returns the type of a parameter documented as doc that the
// generated server accepts every sample of, and where it comes from.
func requestType(doc model.Field, samples []any) (model.Field, *provenance) {
	if IsLocalized(&doc) {
		// a text or texts by language, whatever the examples show: the
		// runtime's type reads both (Member.Localized)
		return doc, nil
	}
	doc = unionType(doc, RoleRequest)
	doc = KeyedObject(doc)
	f, p := reconcileRequest(doc, samples)
	if !allFitRequest(&f, samples) {
		f = doc
		f.Base, f.Array, f.Fields, f.Enum = protocol.Any, false, nil, nil
		p = &provenance{origin: Widened}
	}
	if isRaw(&f, RoleRequest) {
		var s shape
		for _, v := range samples {
			if b, err := json.Marshal(v); err == nil {
				s.add(b)
			}
		}
		if p == nil {
			p = &provenance{}
		}
		p.untyped = untypedReason(doc, &s, len(samples), RoleRequest)
	}
	return f, p
}

func reconcileRequest(doc model.Field, samples []any) (model.Field, *provenance) {
	if len(samples) == 0 {
		return doc, nil
	}
	switch {
	case doc.Map:
		var values []any
		for _, s := range samples {
			obj, ok := protocol.Keyed(s)
			if !ok {
				return widenRequest(doc, samples)
			}
			// in the keys' order: the same on every run
			for _, k := range slices.Sorted(maps.Keys(obj)) {
				values = append(values, obj[k])
			}
		}
		return mapOf(doc, samples, values, requestType, widenRequest)
	case doc.Array:
		var elems []any
		for _, s := range samples {
			es, ok := protocol.List(s)
			if !ok {
				return widenRequest(doc, samples)
			}
			elems = append(elems, es...)
		}
		elem := doc
		elem.Array = false
		f, p := requestType(elem, elems)
		if f.Array {
			f.Base, f.Fields, f.Enum = protocol.Array, nil, nil
		}
		f.Array = true
		return f, p
	case doc.IsObject():
		var objs []map[string]any
		for _, s := range samples {
			if !fitsRequestBase(&doc, s) {
				return widenRequest(doc, samples)
			}
			obj, _ := s.(map[string]any)
			// an empty value is an object without members
			objs = append(objs, obj)
		}
		out := doc
		var p *provenance
		out.Fields, p = requestObject(doc.Fields, objs)
		return out, p
	case needsInference(doc):
		inf, ok := inferRequest(doc, samples)
		if !ok {
			return doc, nil
		}
		return inf, &provenance{origin: Inferred}
	case allFitRequest(&doc, samples):
		return doc, nil
	}
	return widenRequest(doc, samples)
}

// widenRequest returns the type of a parameter whose documented type doc
// the server would refuse a sample of: without its values when only they
// refuse it, else a wider base type that reads both what doc documents
// and the samples, else any value. A request's type must keep reading
// what the table documents: callers send that too.
func widenRequest(doc model.Field, samples []any) (model.Field, *provenance) {
	if len(doc.Enum) > 0 {
		c := doc
		c.Enum = nil
		if allFitRequest(&c, samples) {
			return c, &provenance{origin: Widened}
		}
	}
	if !doc.IsObject() {
		for _, b := range widerBases[doc.Base] {
			c := doc
			c.Base, c.Enum = b, nil
			if covers(b, doc.Base, RoleRequest) && allFitRequest(&c, samples) {
				return c, &provenance{origin: Widened}
			}
		}
	}
	f := doc
	f.Base, f.Array, f.Fields, f.Enum = protocol.Any, false, nil, nil
	return f, &provenance{origin: Widened}
}

// inferRequest returns the type the samples of a parameter show when the
// page does not give it: the element of a list, the scalar type of an
// untyped value. Objects keep their members unnamed: what a caller may
// send in them (a filter's keys, an entity's fields) is more than an
// example shows.
func inferRequest(doc model.Field, samples []any) (model.Field, bool) {
	var s shape
	for _, v := range samples {
		b, err := json.Marshal(v)
		if err != nil {
			return doc, false
		}
		s.add(b)
	}
	inf, ok := s.field(doc.Name)
	if !ok {
		return doc, false
	}
	switch {
	case inf.Base == protocol.Object || inf.Base == protocol.Any:
		return doc, false
	case inf.Map:
		// a map in a request is the page's word, not an example's: one
		// call keys its values by IDs ({"505":"del"}) where another lists
		// them (log.blogpost.update's FILES)
		return doc, false
	case doc.Base == protocol.Object:
		// a PHP array: a list of values stays one
		if !inf.Array {
			return doc, false
		}
	}
	// requests are checked by the server's rules, which read fewer
	// spellings than the answer types: a boolean may not be a number
	c := adopt(doc, inf)
	c.Fields = nil
	if doc.Base == protocol.Array {
		c.Array = true
	}
	if !allFitRequest(&c, samples) {
		c.Base = protocol.String
		if !allFitRequest(&c, samples) {
			return doc, false
		}
	}
	return c, true
}

func allFitRequest(f *model.Field, samples []any) bool {
	for _, s := range samples {
		if !fitsRequest(f, s) {
			return false
		}
	}
	return true
}
