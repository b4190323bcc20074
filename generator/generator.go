// Package generator turns the model into the files b24gen writes: it
// analyzes the model once (package analysis), then renders the analysis as
// the Go packages (generator/golang) and the OpenAPI document
// (generator/openapi). It does not touch the disk; internal/writer does.
package generator

import (
	"fmt"
	"slices"
	"sync"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/generator/golang"
	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/internal/support/writer"
	"github.com/b24gen/b24gen/model"
)

// OpenAPIFiles are the names of the OpenAPI documents in the output: the
// classic REST API, and REST 3.0 when the docs have methods of it.
const (
	OpenAPIJSON   = "openapi.json"
	OpenAPIYAML   = "openapi.yaml"
	OpenAPIV3JSON = "openapi-v3.json"
	OpenAPIV3YAML = "openapi-v3.yaml"
)

// yamlHeader marks the YAML document as generated; JSON has no comments.
const yamlHeader = "# " + golang.Header + "\n"

// Warning is something the generator could not carry into its output.
type Warning = openapi.Warning

// Options tune the output.
type Options struct {
	// ImportPath is the import path of the output directory. When set,
	// the output also holds a package there that gathers all generated
	// packages (all.go: every method, every fake).
	ImportPath string
	// Go tunes the names of the Go code.
	Go golang.Options
	// OpenAPIFormats are the OpenAPI files to write: "json", "yaml"; nil
	// writes both.
	OpenAPIFormats []string
	// OpenAPIForms documents form-encoded request bodies beside the JSON
	// ones (openapi.Options.Forms).
	OpenAPIForms bool
}

// Generate returns every output file for api, in path order, and the
// warnings of the emitters. It refuses a model whose Go names clash.
func Generate(api *model.API, opts Options) ([]writer.File, []Warning, error) {
	a, err := analysis.Build(api, opts.Go)
	if err != nil {
		return nil, nil, fmt.Errorf("go: %w", err)
	}
	// The OpenAPI documents first (both at once), then the Go packages (on
	// every core): rendered together, they held so much at once that the
	// garbage collector, kept under the memory limit, ran without pause
	// (generation took 6-7 s so, 5 one after the other).
	oaFiles, warnings, err := openAPIFiles(a, opts.OpenAPIFormats, openapi.Options{Forms: opts.OpenAPIForms})
	if err != nil {
		return nil, nil, err
	}
	goFiles, goWarnings, err := golang.Generate(a)
	if err != nil {
		return nil, nil, fmt.Errorf("go: %w", err)
	}
	if opts.ImportPath != "" && len(api.Methods) > 0 {
		root, err := golang.Root(a, opts.ImportPath)
		if err != nil {
			return nil, nil, fmt.Errorf("go: %w", err)
		}
		goFiles = append([]golang.File{root}, goFiles...)
	}
	files := make([]writer.File, 0, len(goFiles)+4)
	for _, f := range goFiles {
		files = append(files, writer.File{Path: f.Path, Data: f.Data})
	}
	files = append(files, oaFiles...)
	for _, w := range goWarnings {
		warnings = append(warnings, Warning{Message: w})
	}
	return files, warnings, nil
}

// openAPIFiles returns the OpenAPI documents: the classic API's, and REST
// 3.0's when the docs have methods of it.
func openAPIFiles(a *analysis.API, formats []string, opts openapi.Options) ([]writer.File, []Warning, error) {
	if formats == nil {
		formats = []string{"json", "yaml"}
	}
	if len(formats) == 0 {
		return nil, nil, nil
	}
	// The two documents are built at once.
	type built struct {
		json, yaml []byte
		warnings   []Warning
		err        error
	}
	docs := []struct {
		api, json, yaml string
	}{{"", OpenAPIJSON, OpenAPIYAML}, {model.APIv3, OpenAPIV3JSON, OpenAPIV3YAML}}
	out := make([]built, len(docs))
	var wg sync.WaitGroup
	for i, doc := range docs {
		if doc.api != "" && !hasAPI(a, doc.api) {
			continue
		}
		wg.Go(func() {
			b := &out[i]
			b.json, b.yaml, b.warnings, b.err = openAPI(a, doc.api, opts, yamlHeader)
		})
	}
	wg.Wait()
	var files []writer.File
	var warnings []Warning
	for i, doc := range docs {
		b := out[i]
		if b.err != nil {
			return nil, nil, b.err
		}
		if b.json == nil {
			continue
		}
		warnings = append(warnings, b.warnings...)
		if slices.Contains(formats, "json") {
			files = append(files, writer.File{Path: doc.json, Data: b.json})
		}
		if slices.Contains(formats, "yaml") {
			files = append(files, writer.File{Path: doc.yaml, Data: b.yaml})
		}
	}
	return files, warnings, nil
}

func hasAPI(a *analysis.API, restAPI string) bool {
	for _, m := range a.Methods {
		if m.Model.API == restAPI {
			return true
		}
	}
	return false
}

// OpenAPI returns the OpenAPI document of one API ("" for the classic REST
// API, "v3" for REST 3.0) as JSON and YAML. It emits no Go code, so Go
// names that clash do not keep it from documenting the API.
func OpenAPI(api *model.API, restAPI string, opts openapi.Options) (jsonDoc, yamlDoc []byte, warnings []Warning, err error) {
	return openAPI(analysis.Analyze(api, analysis.Options{}), restAPI, opts, "")
}

// openAPI builds the document of one API and writes it, its YAML after
// yamlComment.
func openAPI(a *analysis.API, restAPI string, opts openapi.Options, yamlComment string) (jsonDoc, yamlDoc []byte, warnings []Warning, err error) {
	doc, warnings, err := openapi.Document(a, restAPI, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	jsonDoc, yamlDoc, err = openapi.Marshal(doc, yamlComment)
	return jsonDoc, yamlDoc, warnings, err
}
