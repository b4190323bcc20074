// Package templates holds the parts of b24gen's output that are not Go
// code and do not come from the documentation, as data files: the base of
// the OpenAPI document.
package templates

import _ "embed"

// OpenAPIBase is the YAML base of the OpenAPI document.
//
//go:embed openapi.yaml
var OpenAPIBase []byte

// Reference is the html/template of the browsable API reference
// (b24gen openapi -html). It only lays out what generator/reference
// prepares.
//
//go:embed reference.html
var Reference string
