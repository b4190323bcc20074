// Package filename makes a file name from the other side of the wire safe
// to use as the name of a file in any directory on any system.
package filename

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Base returns the base name of name when it is one a file can be given in
// a directory without leaving it or meaning something else: "" for a name
// that is empty, "." or "..", holds control characters or invalid UTF-8,
// a drive or stream colon or another character Windows refuses in names
// (<>:"|?*), or is a Windows device name (CON, NUL, COM1.txt). Directory
// parts, with / or \, are left out: "../../etc/passwd" gives "passwd".
func Base(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "/" || strings.Trim(name, ". ") == "" || !utf8.ValidString(name) ||
		strings.ContainsAny(name, `<>:"|?*`) || strings.ContainsFunc(name, unicode.IsControl) || isDevice(name) {
		return ""
	}
	return name
}

// isDevice says whether name, before its first dot and trailing spaces, is
// a device Windows opens whatever the directory.
func isDevice(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		return stem[3] >= '0' && stem[3] <= '9'
	}
	// COM¹, LPT² and the like
	for _, p := range []string{"COM", "LPT"} {
		if rest, ok := strings.CutPrefix(stem, p); ok && (rest == "¹" || rest == "²" || rest == "³") {
			return true
		}
	}
	return false
}
