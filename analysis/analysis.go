// Package analysis works out what the model means before anything is
// rendered: the Go names of packages, methods, types, constants and
// iterators, the shape of each result, which methods only read, how list
// methods page, and the error codes of each package. The Go and OpenAPI
// emitters read the same analysis and decide nothing of this themselves,
// so that the two outputs cannot disagree and no emitter depends on the
// order in which the other's files are rendered.
//
// Analyze computes the analysis; Validate refuses the Go names that clash,
// naming the pages that ask for them; Build does both. The result is plain
// data in a fixed order: the same model always gives the same analysis.
package analysis

import (
	"cmp"
	"errors"
	"slices"

	"github.com/b24gen/b24gen/internal/support/parallel"
	"github.com/b24gen/b24gen/model"
)

// Options tune the Go names.
type Options struct {
	// Names are the Go names of methods and events, by their name (case
	// ignored, as the portal ignores it), instead of the ones derived from
	// it.
	Names map[string]string
	// Packages are the package names of namespaces, instead of the
	// namespace itself.
	Packages map[string]string
}

// API is the analysis of a model.
type API struct {
	// Methods are the methods to generate, in the model's order (name
	// order): one per documented name and REST API.
	Methods []*Method
	// Packages are the Go packages the methods go to, by package name;
	// they hold the same *Method values as Methods.
	Packages []*Package
	// Events is the package of the events; nil when the docs have none.
	Events *EventPackage
	// Duplicates are the pages that document a method again (names that
	// differ only in case), in the model's order; they are generated from
	// the first page only.
	Duplicates []Duplicate
	// Clashes are the Go names two declarations need at once, in the
	// order of the pages that ask for them second. Validate refuses them.
	Clashes []Clash
}

// Duplicate is a page left out because an earlier one documents the same
// method.
type Duplicate struct {
	// Page is the page left out; Kept the one the method is generated from.
	Page, Kept *model.Method
}

// Build analyzes api and validates the result.
func Build(api *model.API, opts Options) (*API, error) {
	a := Analyze(api, opts)
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return a, nil
}

// Analyze works out the meaning of api's methods and events. It always
// succeeds; the names it could not give without a clash are in Clashes,
// for Validate. Callers that emit no Go code (the OpenAPI document alone)
// may use the analysis without validating it.
func Analyze(api *model.API, opts Options) *API {
	a := &API{}
	a.Packages, a.Methods, a.Duplicates = planPackages(api, opts)
	// Packages share nothing but the model, which they only read: they
	// are analyzed on every core, and their clashes gathered in order.
	clashes := make([][]Clash, len(a.Packages))
	parallel.Each(len(a.Packages), func(i int) { clashes[i] = a.Packages[i].analyze() })
	a.Clashes = slices.Concat(clashes...)
	if len(api.Events) > 0 {
		var clashes []Clash
		a.Events, clashes = analyzeEvents(api.Events, opts)
		a.Clashes = append(a.Clashes, clashes...)
	}
	slices.SortStableFunc(a.Clashes, func(x, y Clash) int {
		return cmp.Or(cmp.Compare(x.Second.File, y.Second.File), cmp.Compare(x.Second.Line, y.Second.Line))
	})
	return a
}

// Validate returns an error for every Go name two declarations need at
// once, or nil.
func (a *API) Validate() error {
	errs := make([]error, len(a.Clashes))
	for i, c := range a.Clashes {
		errs[i] = c
	}
	return errors.Join(errs...)
}
