package analysis

import (
	"bytes"
	"encoding/json"
	"iter"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// Descriptor methods (crm.deal.fields, crm.requisite.fields,
// task.item.userfield.getfields, …) answer one descriptor per field of an
// entity: {"TITLE": {"type": "string", "isRequired": true, …}}. Their pages
// often document the result with the entity's own field table, which would
// type the answer as the entity; the answer is typed as b24.FieldDescriptors
// instead, and the table only says which keys to expect.

// isDescriptorVerb reports whether a method's name ends as those that may
// answer field descriptors do, case ignored: fields, getfields and the
// getfields… variants (getFieldsByFilter, getfieldsbytype).
func isDescriptorVerb(name string) bool {
	i := strings.LastIndexByte(name, '.')
	verb := strings.ToLower(name[i+1:])
	return verb == "fields" || strings.HasPrefix(verb, "getfields")
}

// descriptorMembers are the members a field descriptor has besides
// "type"; a descriptor has at least one of them.
var descriptorMembers = []string{"title", "isRequired", "isReadOnly", "isImmutable", "isMultiple", "isDynamic"}

// shownResults yields the results of a method's response examples that
// show something: not templates, not empty ([], {}, null).
func shownResults(m *model.Method) iter.Seq[json.RawMessage] {
	return func(yield func(json.RawMessage) bool) {
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
			switch r := bytes.TrimSpace(env.Result); string(r) {
			case "[]", "{}", "null":
				continue
			}
			if !yield(env.Result) {
				return
			}
		}
	}
}

// answersDescriptors reports whether a method answers field descriptors:
// its name ends in fields or getfields…, and its page's response examples
// say so: at least one has a result that is an object of descriptors, and
// none has another non-empty result.
func answersDescriptors(m *model.Method) bool {
	if !isDescriptorVerb(m.Name) {
		return false
	}
	found := false
	for result := range shownResults(m) {
		if !isDescriptorMap(result) {
			return false
		}
		found = true
	}
	return found
}

// descriptorConvention reports whether the descriptor methods of a
// package that show their answer mostly answer field descriptors, not
// wrapped: more than half of them, and at least three, do (crm: 31 of
// 36). Such a package's descriptor methods whose pages show no answer
// (crm.product.fields, crm.measure.fields) answer them too: the portal
// builds every one of them the same way.
func descriptorConvention(methods []*Method) bool {
	shown, descriptors := 0, 0
	for _, m := range methods {
		if !isDescriptorVerb(m.Model.Name) || !showsResult(m.Model) {
			continue
		}
		shown++
		if answersDescriptors(m.Model) {
			descriptors++
		}
	}
	return descriptors >= 3 && 2*descriptors > shown
}

// showsResult reports whether a method's response examples show a
// non-empty result.
func showsResult(m *model.Method) bool {
	for range shownResults(m) {
		return true
	}
	return false
}

// answersDescriptorsByConvention reports whether a method of a package
// whose descriptor methods answer field descriptors (descriptorConvention)
// answers them too, for want of evidence otherwise: its name ends in
// fields or getfields…, its page shows no answer, and documents the
// result, if at all, as one object (the entity's fields, which are the
// descriptors' keys).
func answersDescriptorsByConvention(m *model.Method) bool {
	if !isDescriptorVerb(m.Name) || showsResult(m) {
		return false
	}
	f := m.ResultField()
	return f == nil || f.IsObject() && !f.Array
}

// isDescriptorMap reports whether a result is a non-empty object whose
// every member is a field descriptor: an object with a string "type" and
// at least one other descriptor member.
func isDescriptorMap(result json.RawMessage) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(result, &fields) != nil || len(fields) == 0 {
		return false
	}
	for _, raw := range fields {
		var d map[string]json.RawMessage
		if json.Unmarshal(raw, &d) != nil || d == nil {
			return false
		}
		var typ string
		if json.Unmarshal(d["type"], &typ) != nil || typ == "" {
			return false
		}
		has := false
		for _, k := range descriptorMembers {
			if _, ok := d[k]; ok {
				has = true
				break
			}
		}
		if !has {
			return false
		}
	}
	return true
}

// descriptorKeys returns the fields the page documents as the answer's
// keys: the documented result's members, unless they describe a
// descriptor itself (type, isRequired, title, …), as some pages document
// the result; nil then.
func descriptorKeys(f *model.Field) []model.Field {
	if f == nil || len(f.Fields) == 0 {
		return nil
	}
	own := 0
	for _, k := range f.Fields {
		if isDescriptorMemberName(k.Name) {
			own++
		}
	}
	if 2*own >= len(f.Fields) {
		return nil
	}
	return f.Fields
}

// isDescriptorMemberName recognises the documented name of a descriptor's
// member; the names are compared as written, so that an entity's TITLE or
// TYPE is a key.
func isDescriptorMemberName(name string) bool {
	switch name {
	case "type", "title", "isRequired", "isReadOnly", "isImmutable", "isMultiple", "isDynamic", "isDeprecated",
		"statusType", "upperName", "listLabel", "formLabel", "filterLabel", "items", "settings",
		"required", "default", "values", "primary":
		return true
	}
	return false
}

// descriptorResult types the result of a descriptor method.
func descriptorResult(f *model.Field) Result {
	return Result{Shape: ShapeDescriptors, Field: f, Keys: descriptorKeys(f)}
}

// DescriptorKeyNames are the names of the documented keys of a descriptor
// result, in the page's order, wildcards (UF_*) included; at most max,
// with the number left out.
func (r Result) DescriptorKeyNames(max int) (names []string, more int) {
	for _, f := range r.Keys {
		if f.Name == "" {
			continue
		}
		if len(names) == max {
			more++
			continue
		}
		names = append(names, f.Name)
	}
	return names, more
}

// answersWrappedDescriptors reports whether a method answers field
// descriptors wrapped in an object of one member ({"fields": {…}}, as
// crm.item.fields, crm.type.fields and catalog.*.getFields do), and names
// that member: its name ends in fields or getfields…, at least one of its
// page's response examples has a result that is an object whose only
// member is an object of descriptors, every other non-empty result is
// such an object with the same member, and the result as a whole is no
// object of descriptors.
func answersWrappedDescriptors(m *model.Method) (key string, ok bool) {
	if !isDescriptorVerb(m.Name) {
		return "", false
	}
	for result := range shownResults(m) {
		var wrapper map[string]json.RawMessage
		if json.Unmarshal(result, &wrapper) != nil || len(wrapper) != 1 {
			return "", false
		}
		for k, inner := range wrapper {
			if k == "" || key != "" && k != key || !isDescriptorMap(inner) {
				return "", false
			}
			key = k
		}
	}
	return key, key != ""
}

// wrappedDescriptorResult types the result of a method that answers field
// descriptors wrapped in the member key: an object of that one member,
// declared as name, whose member is typed as field descriptors. The page
// documents the member (sale.property.getfieldsbytype documents the
// fields under "property"), or the result (crm.category.fields documents
// the category's fields as the result's members), or neither; what it
// documents gives the descriptors' keys.
func (n typeNamer) wrappedDescriptorResult(name, key string, documented *model.Field) Result {
	member := model.Field{Name: key, Type: "object", Base: protocol.Object,
		Description: "A descriptor per field, by the field's name."}
	var keys []model.Field
	if documented != nil {
		keys = descriptorKeys(documented)
		if f := model.FindField(documented.Fields, key); f != nil {
			keys = descriptorKeys(f)
			if f.Description != "" {
				member.Description = f.Description
			}
		}
	}
	result := &model.Field{Name: protocol.Result, Type: "object", Base: protocol.Object, Fields: []model.Field{member}}
	if documented != nil {
		result.Description = documented.Description
	}
	r := n.result(name, result)
	r.Type.Members[0].Descriptors = true
	r.Type.Members[0].Untyped = ""
	r.Descriptors, r.Keys = key, keys
	return r
}
