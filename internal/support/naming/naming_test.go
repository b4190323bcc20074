package naming

import (
	"go/token"
	"testing"
)

func TestIdent(t *testing.T) {
	tests := []struct {
		in   string
		c    Case
		want string
	}{
		{"source.delete", Exported, "SourceDelete"},
		{"id", Exported, "ID"},
		{"ID", Exported, "ID"},
		{"ASSIGNED_BY_ID", Exported, "AssignedByID"},
		{"catalog.priceType.list", Exported, "CatalogPriceTypeList"},
		{"imbot.v2.Bot.register", Exported, "ImbotV2BotRegister"},
		{"HTTPServer", Exported, "HTTPServer"},
		{"UF_CRM_1234", Exported, "UfCrm1234"},
		{"fields.CONTACT_ID", Exported, "FieldsContactID"},
		{"VALIDATION_ID_NOT_PROVIDED", Exported, "ValidationIDNotProvided"},
		{"expired_token", Exported, "ExpiredToken"},
		{"Название поля", Exported, "NazvaniePolia"},
		{"type", Unexported, "type_"},
		{"func", Unexported, "func_"},
		{"ID", Unexported, "id"},
		{"source.delete", Unexported, "sourceDelete"},
		{"1c", Exported, "N1c"},
		{"", Exported, "X"},
		{"*/ ` \" \n", Exported, "X"},
		{"biconnector", Package, "biconnector"},
		{"go", Package, "gopkg"},
		{"user.userfield", Package, "useruserfield"},
	}
	for _, tt := range tests {
		if got := Ident(tt.in, tt.c); got != tt.want {
			t.Errorf("Ident(%q, %d) = %q, want %q", tt.in, tt.c, got, tt.want)
		}
	}
}

func FuzzIdent(f *testing.F) {
	for _, s := range []string{"a.b", "Название", "*/", "1", "type", "_", "ÄÖ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []Case{Exported, Unexported, Package} {
			id := Ident(s, c)
			if !token.IsIdentifier(id) {
				t.Fatalf("Ident(%q, %d) = %q is not a Go identifier", s, c, id)
			}
			if c == Exported && !token.IsExported(id) {
				t.Fatalf("Ident(%q, Exported) = %q is not exported", s, id)
			}
		}
	})
}
