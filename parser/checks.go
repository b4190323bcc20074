package parser

// This file owns the checks an error answers: which parameters its code
// and texts name, and whether they say the parameter is missing or its
// value wrong (the lexicon's missing and invalid words).

import (
	"strings"

	"github.com/b24gen/b24gen/model"
)

// readChecks tells, for each of the method's own errors, which failed
// parameter checks it answers: the parameters its code or texts name, and
// whether they say the parameter is missing or its value wrong. An error
// that names no parameter but speaks of required parameters answers a
// missing parameter of any name.
func readChecks(m *model.Method) {
	params := paramPaths(m.Params, "")
	for i := range m.Errors {
		e := &m.Errors[i]
		if e.System {
			continue
		}
		text := e.Message + " " + e.Description
		lower := fold(text)
		missing := lexicon.missing.in(lower) || lexicon.emptyStem.startsWord(lower) || codeSays(e.Code, lexicon.codeMissing...)
		invalid := lexicon.invalid.in(lower) || codeSays(e.Code, lexicon.codeInvalid...)
		if len(e.Fields) > 0 {
			// the row names its fields: a check of each, when its
			// texts say what is wrong with them
			invalid = invalid || lexicon.fieldInvalid.in(lower)
			if missing || invalid {
				for _, f := range e.Fields {
					e.Checks = append(e.Checks, model.ErrorCheck{Param: fieldPath(params, f), Missing: missing, Invalid: invalid})
				}
			}
			continue
		}
		if !missing && !invalid {
			continue
		}
		named := namedParams(params, e.Code, text)
		if len(named) == 0 && missing && lexicon.requiredInGeneral.in(lower) {
			e.Checks = append(e.Checks, model.ErrorCheck{Missing: true})
			continue
		}
		for _, path := range named {
			e.Checks = append(e.Checks, model.ErrorCheck{Param: path, Missing: missing, Invalid: invalid})
		}
	}
}

type paramPath struct{ name, path string }

// fieldPath is the path of the parameter a field of an error row names,
// spelled as the parameter table spells it; the field as written when no
// documented parameter has that path.
func fieldPath(params []paramPath, field string) string {
	for _, p := range params {
		if strings.EqualFold(p.path, field) {
			return p.path
		}
	}
	return field
}

// namedParams returns the paths of the parameters an error names. A name
// found only in the code and only as part of a longer name found there
// too (ID in ENTITY_TYPE_ID) does not count.
func namedParams(params []paramPath, code, text string) []string {
	lower := string(fold(text))
	inCode := map[string]bool{}
	for _, p := range params {
		if codeSays(code, snake(p.name)) {
			inCode[snake(p.name)] = true
		}
	}
	var out []string
	for _, p := range params {
		s := snake(p.name)
		switch {
		case mentions(text, lower, p.name):
		case inCode[s] && !subsumed(s, inCode):
		default:
			continue
		}
		out = append(out, p.path)
	}
	return out
}

// subsumed reports whether a code word is part of a longer one in words.
func subsumed(word string, words map[string]bool) bool {
	for w := range words {
		if w != word && strings.Contains("_"+w+"_", "_"+word+"_") {
			return true
		}
	}
	return false
}

// paramPaths lists the parameters and their members, with their paths.
func paramPaths(fs []model.Field, prefix string) []paramPath {
	var out []paramPath
	for _, f := range fs {
		if len(f.Name) < 2 || !isIdent(f.Name) {
			continue
		}
		path := f.Name
		if prefix != "" {
			path = prefix + "." + f.Name
		}
		out = append(out, paramPath{f.Name, path})
		if prefix == "" {
			out = append(out, paramPaths(f.Fields, path)...)
		}
	}
	return out
}

// codeSays reports whether an error code has one of the words among its
// underscore-separated parts.
func codeSays(code string, words ...string) bool {
	up := "_" + strings.ToUpper(code) + "_"
	for _, w := range words {
		if strings.Contains(up, "_"+w+"_") {
			return true
		}
	}
	return false
}

// mentions reports whether an error's text (and its lower-cased form)
// names a parameter: quoted
// (`id`, "id", {id}, #id#), or as a word when the name cannot be mistaken
// for an English word (CHAT_ID, entityTypeId; not "name" or "type").
func mentions(text, lower, name string) bool {
	wordLike := strings.ToLower(name) == name
	lname := strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(lower[i:], lname)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		if !wordByte(text, j-1) && !wordByte(text, end) {
			if !wordLike || quoted(text, j, end) {
				return true
			}
		}
		i = end
	}
}

// quoted reports whether text[start:end] stands between quotes, braces or
// hashes.
func quoted(text string, start, end int) bool {
	if start == 0 || end >= len(text) {
		return false
	}
	switch open, close := text[start-1], text[end]; open {
	case '`', '"', '\'', '#':
		return close == open
	case '{':
		return close == '}'
	}
	return false
}

func wordByte(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// snake turns a camelCase name into its upper snake form: entityTypeId →
// ENTITY_TYPE_ID.
func snake(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' && i > 0 && name[i-1] >= 'a' && name[i-1] <= 'z' {
			b.WriteByte('_')
		}
		b.WriteByte(c)
	}
	return strings.ToUpper(b.String())
}
