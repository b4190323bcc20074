package analysis

// UntypedMember is a member the Go code keeps as raw JSON, for it knows no
// type of it.
type UntypedMember struct {
	// Path is the member's documented name after the names of the members
	// it is in, joined with dots, with "[]" after a list ("fields.settings",
	// "result.items[].files").
	Path string
	// Why says what the page's table and its examples lack.
	Why string
}

// Untyped returns the members of t and of its members' types that the Go
// code keeps as raw JSON, depth first in the order of the members, their
// paths after prefix ("" for none).
func (t *Type) Untyped(prefix string) []UntypedMember {
	if t == nil {
		return nil
	}
	var out []UntypedMember
	for _, mem := range t.Members {
		if mem.Kept != NotKept {
			continue
		}
		path := mem.Field.Name
		if prefix != "" {
			path = prefix + "." + path
		}
		if mem.Untyped != "" && mem.Enum == nil && !mem.Descriptors {
			out = append(out, UntypedMember{Path: path, Why: mem.Untyped})
		}
		if mem.Field.Array {
			path += "[]"
		}
		out = append(out, mem.Type.Untyped(path)...)
	}
	return out
}
