package filename

import "testing"

func TestBase(t *testing.T) {
	for in, want := range map[string]string{
		"фото.png":            "фото.png",
		"price list.xlsx":     "price list.xlsx",
		"../../etc/passwd":    "passwd",
		`C:\Windows\x.exe`:    "x.exe",
		"/etc/passwd":         "passwd",
		"a/..":                "",
		"..":                  "",
		".":                   "",
		"...":                 "",
		" . ":                 "",
		"":                    "",
		"/":                   "",
		"C:..":                "",
		"C:x.exe":             "",
		"D:":                  "",
		"x.txt:evil.exe":      "",
		"a\r\nb.txt":          "",
		"\x00":                "",
		"..\x00":              "",
		"a\u0085b":            "",
		"CON":                 "",
		"con.txt":             "",
		"NUL ":                "",
		"COM1.log":            "",
		"LPT9":                "",
		"COM¹":                "",
		"COMMON.txt":          "COMMON.txt",
		"console.log":         "console.log",
		"a|b":                 "",
		"what?.txt":           "",
		"\xff\xfe.txt":        "",
		".hidden":             ".hidden",
		"report.2026.pdf":     "report.2026.pdf",
		"Прайс \"2026\".xlsx": "",
	} {
		if got := Base(in); got != want {
			t.Errorf("Base(%q) = %q, want %q", in, got, want)
		}
	}
}
