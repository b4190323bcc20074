// Package ascii folds case the way a Bitrix24 portal does for method
// names, event codes and error codes: ASCII letters only. Unicode case
// rules would let look-alike letters (the Turkish İ, the long ſ, the
// Kelvin sign) reach a method under a name that an allow or deny list in
// front of the server does not recognise.
package ascii

// Lower returns s with the ASCII capitals A–Z lowered and every other byte
// as it is.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// EqualFold reports whether a and b are equal when ASCII letters are
// compared without case; any other byte must match exactly.
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
