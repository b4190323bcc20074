package b24

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// FieldDescriptor describes one field of an entity, as the descriptor
// methods (crm.deal.fields, crm.requisite.fields, task.item.userfield.getfields,
// …) answer it: its type, its flags and its labels. It reads leniently,
// like every answer type: flags as true/false, "Y"/"N" or 1/0, and the
// members it does not name (required, default, values, size, definition,
// newer ones) are kept in Extra.
type FieldDescriptor struct {
	// Type is the field's type: integer, string, char, double, date,
	// datetime, user, file, crm_status, crm_multifield, enumeration, …
	Type String `json:"type"`
	// Title is the field's name in the portal's language.
	Title String `json:"title"`
	// IsRequired, IsReadOnly, IsImmutable (set only when the item is
	// created), IsMultiple and IsDynamic (a user field, UF_*) are the
	// field's flags.
	IsRequired  Bool `json:"isRequired"`
	IsReadOnly  Bool `json:"isReadOnly"`
	IsImmutable Bool `json:"isImmutable"`
	IsMultiple  Bool `json:"isMultiple"`
	IsDynamic   Bool `json:"isDynamic"`
	// IsDeprecated marks a field kept for compatibility.
	IsDeprecated Bool `json:"isDeprecated,omitzero"`
	// StatusType is the ENTITY_ID of the crm.status list that holds the
	// values of a crm_status field: a string, or a list of them; see
	// StatusTypes.
	StatusType json.RawMessage `json:"statusType,omitempty"`
	// UpperName is the field's name in upper case with underscores, which
	// the older methods use (crm.item.fields answers camelCase names).
	UpperName String `json:"upperName,omitzero"`
	// ListLabel, FormLabel and FilterLabel are a user field's labels in
	// lists, forms and filters.
	ListLabel   String `json:"listLabel,omitzero"`
	FormLabel   String `json:"formLabel,omitzero"`
	FilterLabel String `json:"filterLabel,omitzero"`
	// Items are the values of an enumeration field, as the portal sends
	// them (a list of {"ID", "VALUE"} objects).
	Items json.RawMessage `json:"items,omitempty"`
	// Settings are the field's settings, which depend on its type
	// (parentEntityTypeId of a binding, SIZE and DEFAULT_VALUE of a user
	// field, …), as the portal sends them.
	Settings json.RawMessage `json:"settings,omitempty"`
	// Extra holds the members the descriptor does not name, as they are.
	Extra Extra `json:"-"`
}

var keysFieldDescriptor = NewKeys("type", "title", "isRequired", "isReadOnly", "isImmutable", "isMultiple", "isDynamic",
	"isDeprecated", "statusType", "upperName", "listLabel", "formLabel", "filterLabel", "items", "settings")

// MarshalJSON encodes the named members, then Extra.
func (v FieldDescriptor) MarshalJSON() ([]byte, error) {
	type plain FieldDescriptor
	return MarshalObject(plain(v), v.Extra)
}

// UnmarshalJSON decodes the named members and keeps the others in Extra.
// Empty raw members (settings: [], statusType: null) read as absent.
func (v *FieldDescriptor) UnmarshalJSON(b []byte) error {
	type plain FieldDescriptor
	if err := UnmarshalObject(b, (*plain)(v), &v.Extra, keysFieldDescriptor); err != nil {
		return err
	}
	v.StatusType = emptyRaw(v.StatusType)
	v.Items = emptyRaw(v.Items)
	v.Settings = emptyRaw(v.Settings)
	return nil
}

// emptyRaw returns nil for a raw value that says "nothing" (null, [], {},
// "", false), and the value otherwise.
func emptyRaw(b json.RawMessage) json.RawMessage {
	t := bytes.TrimSpace(b)
	if len(t) == 0 || string(t) == "null" || isEmptyJSON(t) {
		return nil
	}
	return b
}

// StatusTypes returns the crm.status lists (ENTITY_ID) of a crm_status
// field: none, one, or, for some requisite fields, several.
func (v FieldDescriptor) StatusTypes() []string {
	if len(v.StatusType) == 0 {
		return nil
	}
	var l List[String]
	if err := json.Unmarshal(v.StatusType, &l); err != nil {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, s := range l {
		if s != "" {
			out = append(out, string(s))
		}
	}
	return out
}

// FieldDescriptors is the answer of a descriptor method: one descriptor
// per field, by the field's name as the entity's methods use it (TITLE,
// UF_CRM_1687188367, …). An empty answer ([], {}, null) reads as no
// fields.
type FieldDescriptors map[string]FieldDescriptor

// UnmarshalJSON implements json.Unmarshaler.
func (d *FieldDescriptors) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || isEmptyJSON(b) {
		*d = nil
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("b24: field descriptors expected, got %s", clip(b))
	}
	m := map[string]FieldDescriptor{}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*d = m
	return nil
}
