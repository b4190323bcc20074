// Package generator turns the model into the files b24gen writes: the Go
// packages (generator/golang) and the OpenAPI document (generator/openapi).
// It does not touch the disk; internal/writer does.
package generator

import (
	"fmt"

	"github.com/b24gen/b24gen/generator/golang"
	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/internal/writer"
	"github.com/b24gen/b24gen/model"
)

// OpenAPIFiles are the names of the OpenAPI document in the output.
const (
	OpenAPIJSON = "openapi.json"
	OpenAPIYAML = "openapi.yaml"
)

// yamlHeader marks the YAML document as generated; JSON has no comments.
const yamlHeader = "# " + golang.Header + "\n"

// Generate returns every output file for api, in path order.
func Generate(api *model.API) ([]writer.File, error) {
	goFiles, err := golang.Generate(api)
	if err != nil {
		return nil, fmt.Errorf("go: %w", err)
	}
	var files []writer.File
	for _, f := range goFiles {
		files = append(files, writer.File{Path: f.Path, Data: f.Data})
	}
	js, y, err := OpenAPI(api)
	if err != nil {
		return nil, err
	}
	files = append(files,
		writer.File{Path: OpenAPIJSON, Data: js},
		writer.File{Path: OpenAPIYAML, Data: append([]byte(yamlHeader), y...)},
	)
	return files, nil
}

// OpenAPI returns the OpenAPI document as JSON and YAML.
func OpenAPI(api *model.API) (jsonDoc, yamlDoc []byte, err error) {
	doc, err := openapi.Generate(api)
	if err != nil {
		return nil, nil, err
	}
	return openapi.Marshal(doc)
}
