package analysis

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// Enum is the set of values a field may take, as a schema can hold it.
type Enum struct {
	// Values are the documented values, as the page writes them.
	Values []string
	// Ints are the values as numbers when the field is an integer; nil
	// for a string.
	Ints []int64
	// Open is set when the page documents placeholder values as well
	// (DYNAMIC_XXX, sip<ID>: IsPlaceholderValue): they are left out of Values,
	// and values other than those listed are valid in requests too.
	Open bool
	// Nullable is set when the page lists null among the values: it is
	// left out of Values.
	Nullable bool
}

// EnumOf returns the enumeration of a field (of its elements, for a list)
// when its values fit its type: the field has no members and is a string
// or an integer by the base type table, and an integer's values are all
// numbers. Placeholder values (DYNAMIC_XXX) are left out and make the
// enumeration open; "null" is left out too, as saying the field may be
// null (which reads as no value), not what it holds. nil means any value
// of the type goes.
func EnumOf(f *model.Field) *Enum {
	if len(f.Enum) == 0 || len(f.Fields) > 0 {
		return nil
	}
	values := f.Enum
	open := slices.ContainsFunc(values, IsPlaceholderValue)
	nullable := slices.Contains(values, nullValue)
	if open || nullable {
		values = slices.DeleteFunc(slices.Clone(values), func(v string) bool { return v == nullValue || IsPlaceholderValue(v) })
		if len(values) == 0 {
			return nil
		}
	}
	row, _ := model.BaseOf(f.Base)
	switch row.OpenAPIType {
	case "string":
		return &Enum{Values: values, Open: open, Nullable: nullable}
	case "integer":
		ints := make([]int64, len(values))
		for i, v := range values {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil
			}
			ints[i] = n
		}
		return &Enum{Values: values, Ints: ints, Open: open, Nullable: nullable}
	}
	return nil
}

// nullValue is how the docs list null among a field's values.
const nullValue = "null"

// EnumType is a Go type generated for a documented value set: a named
// string or integer type with one constant per value. Fields of a package
// whose value sets are equal (the same values, order and duplicates
// aside), whose kind is the same and whose values mean the same where
// both document them (meansAlike) share one type.
type EnumType struct {
	// Name is the type's Go name.
	Name string
	// Int is set for an integer type; a string type otherwise.
	Int bool
	// Values are the constants, in the order the first field documents
	// them, duplicates left out.
	Values []EnumValue
	// Fields are the documented names of the fields of this type, sorted,
	// once each; Owners the methods or events they belong to, in the
	// package's order, once each.
	Fields, Owners []string
}

// EnumValue is one constant of an enum type.
type EnumValue struct {
	// Value is the value as the docs write it.
	Value string
	// Int is the value as a number for an integer type.
	Int int64
	// Const is the constant's Go name: the type's name and the value
	// ("StageIDNew"), or the type's name, "Value" and the value's position
	// from 1 when the value makes no identifier or its name is taken.
	Const string
	// Doc is what the docs say of the value, from the first field of the
	// type that says something of it; "" when none does.
	Doc string
}

// goEnumOf returns the enumeration of a field the Go code types: a field
// with a member of its own whose base type is string, text, char or
// integer. Other enumerated bases keep their types: booleans, dates and
// numbers with decimals have runtime types an enum type would lose. A set
// of Y and N alone is a flag, which the runtime types (b24.Flag, with its
// constants Yes and No): a char so documented stays a flag, and a string
// too.
func goEnumOf(f *model.Field) *Enum {
	switch f.Base {
	case protocol.String, protocol.Text, protocol.Char, protocol.Integer:
		e := EnumOf(f)
		if e != nil && isFlag(e.Values) {
			return nil
		}
		return e
	}
	return nil
}

// isFlagField reports whether f is a string documented as a Y/N flag.
func isFlagField(f *model.Field) bool {
	if f.Base != protocol.String && f.Base != protocol.Text {
		return false
	}
	e := EnumOf(f)
	return e != nil && !e.Open && isFlag(e.Values)
}

// isFlag reports whether values are Y and N, in any order or case.
func isFlag(values []string) bool {
	for _, v := range values {
		if !strings.EqualFold(v, "Y") && !strings.EqualFold(v, "N") {
			return false
		}
	}
	return true
}

// enumKey identifies a value set: the kind and the sorted distinct
// values.
func enumKey(e *Enum) string {
	vals := slices.Clone(e.Values)
	slices.Sort(vals)
	vals = slices.Compact(vals)
	kind := "s"
	if e.Ints != nil {
		kind = "i"
	}
	return kind + "\x00" + strings.Join(vals, "\x00")
}

// enumUse is a member whose field gets an enum type.
type enumUse struct {
	owner Owner
	// decl is where the type is declared when this is its first use.
	decl *[]*EnumType
	// t and i locate the member: t.Members[i].
	t *Type
	i int
	e *Enum
}

// enumPlanner collects the enumerated members of one package, in the
// order of its declarations, and then names their types.
type enumPlanner struct {
	uses []enumUse
}

// collect adds the enumerated members of t and its object members, depth
// first, whose types decl receives.
func (p *enumPlanner) collect(t *Type, o Owner, decl *[]*EnumType) {
	if t == nil {
		return
	}
	for i := range t.Members {
		mem := &t.Members[i]
		if mem.Kept != NotKept {
			continue
		}
		if mem.Type != nil {
			p.collect(mem.Type, o, decl)
			continue
		}
		if e := goEnumOf(mem.Field); e != nil {
			p.uses = append(p.uses, enumUse{owner: o, decl: decl, t: t, i: i, e: e})
		}
	}
}

// name gives the value sets their types and constants, declared in idents
// after every other name of the package: a name already taken is not a
// clash, the enum takes another one. A type is named after its fields'
// Go name, the most frequent one when they have several (the first used
// of those as frequent), when no other value set is named so and the name
// is free ("StageID"); otherwise after its first field's owner: the
// method's Go name, or the struct's name for a member of a nested object,
// and the field's name ("DealAddTypeID"); the struct's name when that is
// taken too ("DealAddResultTypeID"), then numbered.
func (p *enumPlanner) name(idents *scope) {
	type group struct {
		t     *EnumType
		first enumUse
		// names are the Go names of the fields, in the order of first
		// use, and how many fields have each
		names []string
		uses  map[string]int
	}
	var groups []*group
	byKey := map[string][]*group{}
	for _, u := range p.uses {
		k := enumKey(u.e)
		mem := &u.t.Members[u.i]
		i := slices.IndexFunc(byKey[k], func(g *group) bool { return g.t.meansAlike(mem.Field.EnumDocs) })
		var g *group
		if i >= 0 {
			g = byKey[k][i]
		} else {
			g = &group{t: &EnumType{Int: u.e.Ints != nil}, first: u, uses: map[string]int{}}
			for i, v := range u.e.Values {
				if slices.ContainsFunc(g.t.Values, func(x EnumValue) bool { return x.Value == v }) {
					continue
				}
				ev := EnumValue{Value: v}
				if u.e.Ints != nil {
					ev.Int = u.e.Ints[i]
				}
				g.t.Values = append(g.t.Values, ev)
			}
			byKey[k] = append(byKey[k], g)
			groups = append(groups, g)
		}
		mem.Enum = g.t
		for i := range g.t.Values {
			if v := &g.t.Values[i]; v.Doc == "" {
				v.Doc = mem.Field.EnumDocs[v.Value]
			}
		}
		if g.uses[mem.Name] == 0 {
			g.names = append(g.names, mem.Name)
		}
		g.uses[mem.Name]++
		if !slices.Contains(g.t.Fields, mem.Field.Name) {
			g.t.Fields = append(g.t.Fields, mem.Field.Name)
		}
		if !slices.Contains(g.t.Owners, u.owner.Name) {
			g.t.Owners = append(g.t.Owners, u.owner.Name)
		}
	}
	// how many value sets want each name
	wanted := map[string]int{}
	want := func(g *group) string {
		best := g.names[0]
		for _, n := range g.names[1:] {
			if g.uses[n] > g.uses[best] {
				best = n
			}
		}
		return best
	}
	for _, g := range groups {
		wanted[want(g)]++
	}
	for _, g := range groups {
		slices.Sort(g.t.Fields)
		u := g.first
		mem := u.t.Members[u.i]
		name := want(g)
		if wanted[name] > 1 || idents.taken(name) {
			name = naming.Ident(ownerPrefix(u.t)+" "+mem.Name, naming.Exported)
			if idents.taken(name) {
				name = naming.Ident(u.t.Name+" "+mem.Name, naming.Exported)
			}
			for n := 2; idents.taken(name); n++ {
				name = naming.Ident(fmt.Sprintf("%s %s %d", u.t.Name, mem.Name, n), naming.Exported)
			}
		}
		g.t.Name = name
		idents.declare(name, u.owner)
		g.t.nameValues(idents, u.owner)
		*u.decl = append(*u.decl, g.t)
	}
}

// meansAlike reports whether a field whose values are t's, documented as
// docs says, may share t: no value it documents means something else than
// t documents. The same values mean different things on different fields
// (crm's 1 and 2 are a discount's kind on one, a timeline item's on
// another): each meaning gets its own type and its own doc comments.
func (t *EnumType) meansAlike(docs map[string]string) bool {
	for _, v := range t.Values {
		if d := docs[v.Value]; d != "" && v.Doc != "" && !sameMeaning(v.Doc, d) {
			return false
		}
	}
	return true
}

// sameMeaning reports whether two descriptions of a value say the same,
// worded differently: one says all the other does and more ("по дате",
// "ограничение по дате"), or they begin with the same word, inflected
// ("абсолютная", "абсолютное значение").
func sameMeaning(a, b string) bool {
	wa, wb := meaningWords(a), meaningWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true
	}
	if isSubset(wa, wb) || isSubset(wb, wa) {
		return true
	}
	const stem = 5
	ra, rb := []rune(wa[0]), []rune(wb[0])
	return len(ra) >= stem && len(rb) >= stem && string(ra[:stem]) == string(rb[:stem])
}

// meaningWords returns the words of a description, lower-cased, without
// punctuation or Markdown.
func meaningWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
}

// isSubset reports whether every word of a is in b.
func isSubset(a, b []string) bool {
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// ownerPrefix is what an enum type named after its owner starts with: the
// method's or event's name for its request, result or data, the struct's
// name for a nested object.
func ownerPrefix(t *Type) string {
	if t.Of == "" {
		return strings.TrimSuffix(strings.TrimSuffix(t.Name, "Request"), "Result")
	}
	return t.Name
}

// nameValues names the constants of t after it and the values, declaring
// them in idents.
func (t *EnumType) nameValues(idents *scope, o Owner) {
	fallback := func(i int) string {
		name := naming.Ident(fmt.Sprintf("%s value %d", t.Name, i+1), naming.Exported)
		for n := 2; idents.taken(name); n++ {
			name = naming.Ident(fmt.Sprintf("%s value %d %d", t.Name, i+1, n), naming.Exported)
		}
		return name
	}
	for i := range t.Values {
		v := &t.Values[i]
		words := naming.Words(v.Value)
		if t.Int && v.Int < 0 {
			words = append([]string{"minus"}, words...)
		}
		name := ""
		if len(words) > 0 {
			name = naming.Ident(t.Name+" "+strings.Join(words, " "), naming.Exported)
		}
		if name == "" || idents.taken(name) {
			name = fallback(i)
		}
		v.Const = name
		idents.declare(name, o)
	}
}
