package b24server

import (
	"fmt"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/protocol"
)

// checkAlternatives refuses an object (the parameters, prefix "", or an
// object parameter at prefix) that gives none of the members of one of
// groups: a Missing ValidationError whose OneOf lists the members' paths.
// A member is given as a required parameter is: present and not null.
func checkAlternatives(method, prefix string, groups [][]string, obj map[string]any) *ValidationError {
	for _, g := range groups {
		given := false
		for _, name := range g {
			if _, v, ok := protocol.Param(obj, name); ok && v != nil {
				given = true
				break
			}
		}
		if given || len(g) == 0 {
			continue
		}
		paths := make([]string, len(g))
		for i, name := range g {
			paths[i] = name
			if prefix != "" {
				paths[i] = prefix + "." + name
			}
		}
		return &ValidationError{Method: method, Param: paths[0], Problem: Missing, OneOf: paths}
	}
	return nil
}

// alternativesMessage is the text of a failed group.
func alternativesMessage(paths []string) string {
	quoted := make([]string, len(paths))
	for i, p := range paths {
		quoted[i] = fmt.Sprintf("%q", p)
	}
	list := quoted[0]
	if n := len(quoted); n > 1 {
		list = strings.Join(quoted[:n-1], ", ") + " or " + quoted[n-1]
	}
	return "At least one of the parameters " + list + " must be given"
}

// documentedForGroup finds the error a method documents for a failed
// group: the one whose missing-parameter checks name the most of its
// members (the first in the page's order of equals), else one for any
// parameter.
func documentedForGroup(spec *b24.Method, v *ValidationError) (b24.ErrorInfo, bool) {
	var best, anyParam *b24.ErrorInfo
	most := 0
	for i := range spec.Errors {
		e := &spec.Errors[i]
		named := 0
		for _, c := range e.Checks {
			if !c.Missing {
				continue
			}
			if c.Param == "" && anyParam == nil {
				anyParam = e
			}
			for _, p := range v.OneOf {
				if ascii.EqualFold(c.Param, p) {
					named++
					break
				}
			}
		}
		if named > most {
			best, most = e, named
		}
	}
	switch {
	case best != nil:
		return *best, true
	case anyParam != nil:
		return *anyParam, true
	}
	return b24.ErrorInfo{}, false
}
