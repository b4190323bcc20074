package analysis

import (
	"github.com/b24gen/b24gen/model"
)

// Alternative is a group of parameters of which a call gives at least one
// (model.Alternative), with the Go names the request type gives them.
type Alternative struct {
	// Group is the model's group.
	Group model.Alternative
	// Parent is the Go path to the object whose members the group names,
	// its members' Go names joined with dots ("Fields.Company"); "" for
	// the request itself.
	Parent string
	// InList is set when the object is, or is inside, a list: the group
	// holds for each element.
	InList bool
	// Names are the members' Go names, in the group's order; a member the
	// Go code keeps in Extra has its documented name.
	Names []string
}

// alternativesOf names the groups of a method in its request type. A
// group whose object the request does not type is named by its
// documented names.
func alternativesOf(mm *model.Method, req *Type) []Alternative {
	out := make([]Alternative, 0, len(mm.Alternatives))
	for _, g := range mm.Alternatives {
		a := Alternative{Group: g}
		t := req
		for _, name := range g.Parent {
			mem := memberNamed(t, name)
			goName := name
			if mem != nil && mem.Name != "" {
				goName = mem.Name
			}
			if a.Parent != "" {
				a.Parent += "."
			}
			a.Parent += goName
			if mem != nil && mem.Field.Array {
				a.InList = true
			}
			t = nil
			if mem != nil {
				t = mem.Type
			}
		}
		for _, name := range g.Params {
			goName := name
			if mem := memberNamed(t, name); mem != nil && mem.Name != "" {
				goName = mem.Name
			}
			a.Names = append(a.Names, goName)
		}
		out = append(out, a)
	}
	return out
}

// memberNamed returns the member of t for the documented field name; nil
// when t is nil or has none.
func memberNamed(t *Type, name string) *Member {
	if t == nil {
		return nil
	}
	for i := range t.Members {
		if t.Members[i].Field != nil && t.Members[i].Field.Name == name {
			return &t.Members[i]
		}
	}
	return nil
}
