package b24

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Filter is the filter of a list method: the fields to match, each name
// optionally prefixed by an operator (">=DATE_CREATE", "!STATUS_ID",
// "%TITLE", "@ID" for one of a list), with the value to compare; several
// are joined by AND. It is sent as a JSON object.
//
//	b24.Filter{">ID": 100, "STAGE_ID": []string{"NEW", "WON"}}
//
// Read from a request, numbers are json.Number, so that ids keep every
// digit.
type Filter map[string]any

// UnmarshalJSON implements json.Unmarshaler. PHP sends an empty filter as
// [] or "", which read as no filter.
func (f *Filter) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || isEmptyJSON(b) {
		*f = nil
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("b24: a filter is an object, got %s", clip(b))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	*f = m
	return nil
}

// Direction is the direction of a sort: Ascending or Descending. Portals
// read it without regard to case.
type Direction string

const (
	Ascending  Direction = "ASC"
	Descending Direction = "DESC"
)

// OrderBy is one key of a sort: a field and its direction.
type OrderBy struct {
	Field     string
	Direction Direction
}

// Asc is a key of a sort by field, ascending.
func Asc(field string) OrderBy { return OrderBy{Field: field, Direction: Ascending} }

// Desc is a key of a sort by field, descending.
func Desc(field string) OrderBy { return OrderBy{Field: field, Direction: Descending} }

// Order is the sort order of a list method: its keys in order of
// precedence. Portals take it as a JSON object whose members' order is the
// precedence, which a Go map cannot keep; Order is sent as that object,
// its members in this order, and read back in the order they come.
//
//	b24.Order{b24.Asc("STAGE_ID"), b24.Desc("ID")}
//
// The generated server gives its implementation the keys in the order
// the call sent them, whatever the call's encoding (b24server.DecodeCall).
type Order []OrderBy

// MarshalJSON implements json.Marshaler: an object of the keys in order.
func (o Order) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, k := range o {
		if i > 0 {
			b = append(b, ',')
		}
		name, err := json.Marshal(k.Field)
		if err != nil {
			return nil, err
		}
		dir, err := json.Marshal(string(k.Direction))
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, name...), ':'), dir...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON implements json.Unmarshaler: an object of directions, its
// members in the order they come. PHP sends an empty order as [], "" or
// false, which read as none; a direction that is not a string (null
// included) is an error.
func (o *Order) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || isEmptyJSON(b) {
		*o = nil
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("b24: an order is an object of directions, got %s", clip(b))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	var out Order
	at := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		field, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		var dir string
		if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &dir) != nil {
			return fmt.Errorf("b24: the direction of %q is not a string: %s", field, clip(raw))
		}
		// a key sent twice keeps its first place and its last direction,
		// as PHP's json_decode reads it
		if i, ok := at[field]; ok {
			out[i].Direction = Direction(dir)
			continue
		}
		at[field] = len(out)
		out = append(out, OrderBy{Field: field, Direction: Direction(dir)})
	}
	if _, err := dec.Token(); err != nil { // }
		return err
	}
	*o = out
	return nil
}
