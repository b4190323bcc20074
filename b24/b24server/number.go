package b24server

// phpNumber reads s as PHP 8 reads a numeric string — optional white
// space, an optional sign, digits with an optional point and exponent,
// optional white space — and returns it as a JSON number: no "+", no
// leading zeros, a digit on each side of the point. Go's own syntaxes
// (0x7p0, 1_000, Inf, NaN) are not numbers to PHP, and are not here.
func phpNumber(s string) (number string, integer bool, ok bool) {
	i, end := 0, len(s)
	for i < end && isPHPSpace(s[i]) {
		i++
	}
	for end > i && isPHPSpace(s[end-1]) {
		end--
	}
	s = s[i:end]
	b := make([]byte, 0, len(s)+2)
	i = 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		if s[i] == '-' {
			b = append(b, '-')
		}
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intDigits := s[intStart:i]
	fracDigits := ""
	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		fracDigits = s[fracStart:i]
	}
	if intDigits == "" && fracDigits == "" {
		return "", false, false
	}
	for len(intDigits) > 1 && intDigits[0] == '0' {
		intDigits = intDigits[1:]
	}
	if intDigits == "" {
		intDigits = "0"
	}
	b = append(b, intDigits...)
	integer = true
	if fracDigits != "" {
		b = append(b, '.')
		b = append(b, fracDigits...)
		integer = false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		b = append(b, 'e')
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			b = append(b, s[i])
			i++
		}
		expStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == expStart {
			return "", false, false
		}
		b = append(b, s[expStart:i]...)
		integer = false
	}
	if i != len(s) {
		return "", false, false
	}
	return string(b), integer, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isPHPSpace is the white space PHP allows around a numeric string.
func isPHPSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
