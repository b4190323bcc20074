package b24

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Localized is a text the docs type as lang_map (or string|lang_map): one
// text for every language, or a text per language code ("ru", "en",
// "de"). Portals take either and answer either.
//
//	b24.Localized{Text: "Сумма"}
//	b24.Localized{ByLang: map[string]string{"ru": "Сумма", "en": "Amount"}}
type Localized struct {
	// Text is the one text for every language; it is sent when ByLang is
	// nil.
	Text string
	// ByLang holds a text per language code.
	ByLang map[string]string
}

// IsZero reports whether l holds no text, for omitzero.
func (l Localized) IsZero() bool { return l.Text == "" && l.ByLang == nil }

// MarshalJSON implements json.Marshaler: the texts by language, or else
// the one text.
func (l Localized) MarshalJSON() ([]byte, error) {
	if l.ByLang != nil {
		return json.Marshal(l.ByLang)
	}
	return json.Marshal(l.Text)
}

// UnmarshalJSON implements json.Unmarshaler: a text, or an object of texts
// by language (numbers and booleans read as their text, as String does);
// PHP's empty values read as no text.
func (l *Localized) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*l = Localized{}
	switch {
	case string(b) == "null" || isEmptyJSON(b):
		return nil
	case len(b) > 0 && b[0] == '{':
		var texts map[string]String
		if err := json.Unmarshal(b, &texts); err != nil {
			return fmt.Errorf("b24: texts by language: %w", err)
		}
		l.ByLang = make(map[string]string, len(texts))
		for lang, t := range texts {
			l.ByLang[lang] = string(t)
		}
		return nil
	}
	var s String
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	l.Text = string(s)
	return nil
}
