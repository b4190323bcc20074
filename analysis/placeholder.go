package analysis

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/b24gen/b24gen/model"
)

// placeholderValue matches the parts of a documented name or value that
// stand for another: an ellipsis (PARENT_ID_..., UF_CRM_…), a bracketed
// name (<код_поля>, ‹ID›, {USER_ID}, upload{id}), or a run of x's
// (UF_CRM_XXX, PARENT_ID_xxx, DYNAMIC_XXX, regXXX) that is no part of a
// word written in the same case.
const placeholderValue = `\.\.\.|…|<[^<>=]+>|‹[^‹›<>]+[›>]|\{[^{}]+\}|(?:^|[^a-z])xxx+(?:$|[^a-z])|(?:^|[^A-Z])XXX+(?:$|[^A-Z])`

var (
	// a name may also be a wildcard (UF_*)
	placeholderNamePattern  = regexp.MustCompile(placeholderValue + `|\*`)
	placeholderValuePattern = regexp.MustCompile(placeholderValue)
)

// IsPlaceholder reports whether a documented field name stands for many
// names rather than being one itself: UF_CRM_..., UF_*, <код_поля>,
// {BOT_ID}, UF_CRM_XXX; or describes the names in words (код типа,
// "UF_ поля", "TITLE (LANG)"): the portals' keys are ASCII words, without
// spaces. Such a field has no member or property of its own: the members
// it stands for are kept in Extra (an OpenAPI schema's
// additionalProperties).
func IsPlaceholder(name string) bool {
	name = strings.TrimSpace(name)
	return name != "" && (mayHoldPlaceholder(name) && placeholderNamePattern.MatchString(name) || strings.ContainsFunc(name, describesName))
}

// mayHoldPlaceholder reports whether s has what every match of
// placeholderValue (or a star) needs, so that the expression runs only
// there: the answers' keys are looked up among the fields many times.
func mayHoldPlaceholder(s string) bool {
	return strings.ContainsAny(s, ".…<‹{*") || strings.Contains(s, "xxx") || strings.Contains(s, "XXX")
}

// describesName reports whether r has no place in a key of the portals: a
// space or a letter outside ASCII.
func describesName(r rune) bool {
	return unicode.IsSpace(r) || r > unicode.MaxASCII && unicode.IsLetter(r)
}

// IsPlaceholderField reports whether a documented field stands for many:
// its name is a placeholder (IsPlaceholder), or ends in a capital letter
// its description says stands for an id ("propertyN": "где `N` —
// идентификатор свойства"; not "gpsN", GPS north).
func IsPlaceholderField(f *model.Field) bool {
	if IsPlaceholder(f.Name) {
		return true
	}
	// the name first: the description's words cost a regular expression
	n := f.Name
	if len(n) < 2 {
		return false
	}
	last, prev := n[len(n)-1], n[len(n)-2]
	if last < 'A' || last > 'Z' || prev != '_' && (prev < 'a' || prev > 'z') {
		return false
	}
	m := letterVariable.FindStringSubmatch(f.Description)
	return m != nil && m[1][0] == last
}

// letterVariable matches the words that say what a letter of a name
// stands for: "где `N` —", "where N is".
var letterVariable = regexp.MustCompile("(?:где|where)\\s+`?([A-Z])`?\\s*(?:—|–|-|is\\b)")

// IsPlaceholderValue reports whether a documented value of a field stands
// for many values rather than being one itself: DYNAMIC_XXX, sip<ID>. It
// is no constant, and the enumeration it belongs to is open. A star is a
// value ("*", "*/"), not a wildcard, in a list of values.
func IsPlaceholderValue(v string) bool {
	return strings.TrimSpace(v) != "" && mayHoldPlaceholder(v) && placeholderValuePattern.MatchString(v)
}
