package analysis

import (
	"slices"
	"testing"

	"github.com/b24gen/b24gen/model"
)

func TestIsPlaceholder(t *testing.T) {
	for _, name := range []string{
		"UF_*", "UF_CRM_...", "PARENT_ID_...", "ufCrm…", "UF_CRM_XXX", "PARENT_ID_xxx", "DYNAMIC_XXX",
		"<код_поля>", "<ID сайта>", "#block<id>", "chat<chatId>", "<селектор ноды>@<позиция>", "‹ID›",
		"{BOT_ID}", "/{BOT_ID/}", "upload{id}", "XXX", "regXXX",
	} {
		if !IsPlaceholder(name) {
			t.Errorf("%q is not taken for a placeholder", name)
		}
	}
	for _, name := range []string{
		"TITLE", "UF_CRM_1687188367", "MAX_LENGTH", "xmlId", "XML_ID", "EXTRA", "taxes", "LUXXE", "maxxxl", "Boxxx",
		">=DATE_CREATE", "<DATE", "<>ID", "!ID", "%TITLE", "", " ",
	} {
		if IsPlaceholder(name) {
			t.Errorf("%q is taken for a placeholder", name)
		}
	}
	// in a list of values a star is a value
	if IsPlaceholderValue("*") || IsPlaceholderValue("*/") || !IsPlaceholderValue("DYNAMIC_XXX") || !IsPlaceholderValue("sip<ID>") {
		t.Error("placeholder values")
	}
}

// TestPlaceholderRowsHaveNoMembers checks that the rows whose documented
// names are placeholders (UF_CRM_..., <код_поля>, {BOT_ID}, UF_CRM_XXX)
// get no Go member, object type or identifier: they are kept in Extra.
func TestPlaceholderRowsHaveNoMembers(t *testing.T) {
	res := field("result", "object",
		field("TITLE", "string"),
		field("UF_CRM_...", "string"),
		field("UF_CRM_XXX", "string"),
		field("PARENT_ID_xxx", "integer"),
		field("ufCrm…", "string"),
		field("<код_поля>", "object", field("name", "string")),
		field("{BOT_ID}", "object", field("ID", "integer")),
		field("upload{id}", "string"),
	)
	typ := analyzeOne(t, method("shop.item.get", nil, []model.Field{res})).Result.Type
	var got []string
	for _, m := range typ.Members {
		s := m.Field.Name + "=" + m.Name
		if m.Type != nil {
			s += ":" + m.Type.Name
		}
		if m.Kept == KeptWildcard {
			s += " kept"
		}
		got = append(got, s)
	}
	want := []string{"TITLE=Title", "UF_CRM_...= kept", "UF_CRM_XXX= kept", "PARENT_ID_xxx= kept", "ufCrm…= kept",
		"<код_поля>= kept", "{BOT_ID}= kept", "upload{id}= kept"}
	if !slices.Equal(got, want) {
		t.Errorf("members\n%v\nwant\n%v", got, want)
	}
}

// TestPlaceholderValuesOpenTheEnum checks that documented values that
// stand for others (DYNAMIC_XXX) are no values of the enumeration, which
// is open then, and that an enumeration of placeholders alone is none.
func TestPlaceholderValuesOpenTheEnum(t *testing.T) {
	f := field("DOCUMENT_TYPE", "string")
	f.Enum = []string{"LEAD", "DEAL", "DYNAMIC_XXX"}
	e := EnumOf(&f)
	if e == nil || !slices.Equal(e.Values, []string{"LEAD", "DEAL"}) || !e.Open {
		t.Errorf("enum %+v", e)
	}
	if !slices.Equal(f.Enum, []string{"LEAD", "DEAL", "DYNAMIC_XXX"}) {
		t.Errorf("the field's values changed: %v", f.Enum)
	}
	f.Enum = []string{"XXX", "regXXX", "sipXXX"}
	if e := EnumOf(&f); e != nil {
		t.Errorf("placeholders alone: enum %+v", e)
	}
	f.Enum = []string{"LEAD", "DEAL"}
	if e := EnumOf(&f); e == nil || e.Open {
		t.Errorf("closed enum %+v", e)
	}
}

func TestIsPlaceholderField(t *testing.T) {
	for _, tc := range []struct {
		name, desc string
		want       bool
	}{
		{"propertyN", "Значение свойства товара, где `N` — идентификатор свойства", true},
		{"fieldN", "Value of the field, where N is the field's id", true},
		{"PROPERTY_N", "где N — идентификатор", true},
		{"gpsN", "GPS-широта", false},
		{"gpsN", "GPS-широта, где N — север", true}, // the page says so
		{"ID", "где `D` — что угодно", false},
		{"typeN", "", false},
		{"UF_*", "", true},
	} {
		f := model.Field{Name: tc.name, Description: tc.desc}
		if got := IsPlaceholderField(&f); got != tc.want {
			t.Errorf("%s (%q): %v, want %v", tc.name, tc.desc, got, tc.want)
		}
	}
}

// FuzzPlaceholderPrefilter: the cheap test before the expressions never
// turns away a name or a value they match.
func FuzzPlaceholderPrefilter(f *testing.F) {
	for _, s := range []string{"UF_CRM_...", "UF_*", "<код_поля>", "‹ID›", "{BOT_ID}", "UF_CRM_XXX", "regxxx", "TITLE", "a…b", "sip<ID>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if (placeholderNamePattern.MatchString(s) || placeholderValuePattern.MatchString(s)) && !mayHoldPlaceholder(s) {
			t.Fatalf("%q matches, the prefilter says it cannot", s)
		}
	})
}
