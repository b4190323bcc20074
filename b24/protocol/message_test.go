package protocol

import "testing"

func TestMessageKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ID is not defined or invalid.", "id is not defined or invalid"},
		{"`ID is not defined or invalid`", "id is not defined or invalid"},
		{"  The parameter 'ownerEntityID'  is invalid ", "the parameter ownerentityid is invalid"},
		{"Доступ ЗАПРЕЩЁН!", "доступ запрещён"},
		{"The current method required more scopes. (crm)", "the current method required more scopes crm"},
		{"", ""},
		{"...", ""},
	} {
		if got := MessageKey(tc.in); got != tc.want {
			t.Errorf("MessageKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
