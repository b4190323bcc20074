package b24

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
)

// File is a file parameter: new content, sent as the documented pair
// ["name", "base64 content"], or an existing file by its id. Methods take
// files in other shapes too (several pairs, a data URI, an icon code):
// those are kept as they are in Raw.
type File struct {
	Name    string
	Content []byte
	// ID refers to a file the portal already has, instead of Content.
	ID int64
	// Raw is a value in another shape, sent as it is.
	Raw json.RawMessage
}

// MarshalJSON encodes Raw, the id, or the pair.
func (f File) MarshalJSON() ([]byte, error) {
	switch {
	case len(f.Raw) > 0:
		return f.Raw, nil
	case f.Content == nil && f.ID != 0:
		return json.Marshal(f.ID)
	}
	return json.Marshal([]string{f.Name, base64.StdEncoding.EncodeToString(f.Content)})
}

// UnmarshalJSON reads the pair, an id, or (from answers) an object with
// an "id" or "ID"; anything else goes to Raw.
func (f *File) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*f = File{}
	switch {
	case string(b) == "null" || isEmptyJSON(b):
		return nil
	case b[0] == '[':
		var pair []string
		if err := json.Unmarshal(b, &pair); err == nil && len(pair) == 2 {
			if content, err := base64.StdEncoding.DecodeString(pair[1]); err == nil {
				f.Name, f.Content = pair[0], content
				return nil
			}
		}
		f.Raw = append(json.RawMessage(nil), b...)
		return nil
	case b[0] == '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			return err
		}
		for _, k := range []string{"id", "ID"} {
			if v, ok := obj[k]; ok {
				var id Int
				if err := json.Unmarshal(v, &id); err != nil {
					return err
				}
				f.ID = int64(id)
			}
		}
		return nil
	}
	var id Int
	if err := json.Unmarshal(b, &id); err != nil {
		f.Raw = append(json.RawMessage(nil), b...)
		return nil
	}
	f.ID = int64(id)
	return nil
}

// Decimal is an exact decimal number (money, quantities), kept as the
// text the portal sent: "1500.50" stays 1500.50, where a float64 would
// round. It reads numbers and quoted numbers and encodes as a number.
type Decimal string

// UnmarshalJSON implements json.Unmarshaler.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	t, ok := scalar(b)
	if !ok {
		return fmt.Errorf("b24: decimal expected, got %s", clip(b))
	}
	s := string(t)
	if s == "" {
		*d = ""
		return nil
	}
	if _, ok := new(big.Rat).SetString(s); !ok {
		return fmt.Errorf("b24: decimal expected, got %s", clip(b))
	}
	*d = Decimal(s)
	return nil
}

// MarshalJSON encodes the number as written; an empty Decimal as 0.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("0"), nil
	}
	if _, ok := new(big.Rat).SetString(string(d)); !ok {
		return nil, fmt.Errorf("b24: %q is not a decimal", string(d))
	}
	return []byte(d), nil
}

// Rat returns the exact value.
func (d Decimal) Rat() *big.Rat {
	r, ok := new(big.Rat).SetString(string(d))
	if !ok {
		return new(big.Rat)
	}
	return r
}
