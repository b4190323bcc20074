package openapi

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/model"
)

// publish generates the document of api and reads it back through JSON
// and a fresh loader, as it is published, failing t unless it is valid.
// It returns the document read back and its JSON.
func publish(t *testing.T, api *model.API) (*openapi3.T, []byte, []Warning) {
	t.Helper()
	api.Normalize()
	doc, warnings, err := Generate(api, "")
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Fatalf("the document is not valid: %v", err)
	}
	return loaded, js, warnings
}
