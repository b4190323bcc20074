package analysis

import "fmt"

// Owner is what asks for a Go name: a method or an event, with the page
// that documents it, or the fixed API of the package.
type Owner struct {
	// Name is the method's or event's name; for the package's own
	// declarations (Client, Register, …) it is packageAPI.
	Name string
	// File and Line locate the page; File is "" for the package API.
	File string
	Line int
}

// packageAPI owns the identifiers every generated package declares.
const packageAPI = "the package API"

func (o Owner) String() string {
	if o.File == "" {
		return o.Name
	}
	return fmt.Sprintf("%s (%s:%d)", o.Name, o.File, o.Line)
}

// Clash is a Go name two declarations need at once: generating both would
// give code that does not compile.
type Clash struct {
	// Package is the Go package of the declarations.
	Package string
	// Ident is the name they both need.
	Ident string
	// Namespace is where the name is declared: "" for the package
	// block, "Client" for the methods of the Client type.
	Namespace string
	// First has the name already; Second asks for it too.
	First, Second Owner
}

// Error names the page that asks second, as file:line first so that
// editors jump to it.
func (c Clash) Error() string {
	what := "the Go name " + c.Ident
	if c.Namespace != "" {
		what = "the " + c.Namespace + " method " + c.Ident
	}
	return fmt.Sprintf("%s:%d: package %s: %s and %s both need %s", c.Second.File, c.Second.Line, c.Package, c.First, c.Second.Name, what)
}

// scope is one namespace of Go identifiers while they are handed out: the
// package block, or the method set of a type.
type scope struct {
	pkg, namespace string
	owners         map[string]Owner
	clashes        []Clash
}

func newScope(pkg, namespace string) *scope {
	return &scope{pkg: pkg, namespace: namespace, owners: map[string]Owner{}}
}

// declare records that o declares id and reports whether it could: a name
// already declared is a clash.
func (s *scope) declare(id string, o Owner) bool {
	if first, taken := s.owners[id]; taken {
		s.clashes = append(s.clashes, Clash{Package: s.pkg, Ident: id, Namespace: s.namespace, First: first, Second: o})
		return false
	}
	s.owners[id] = o
	return true
}

// declareType declares a struct type and the variable of its keys; the
// variable is named after the type, so a type that clashes is reported
// once.
func (s *scope) declareType(t *Type, o Owner) {
	if s.declare(t.Name, o) {
		s.declare(t.Keys, o)
	}
}

// taken reports whether id is declared.
func (s *scope) taken(id string) bool {
	_, ok := s.owners[id]
	return ok
}
