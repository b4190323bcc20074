package config

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("b24gen.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("b24gen.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSONValue reads YAML as the JSON value the schema validates.
func asJSONValue(t *testing.T, y string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(y), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaAgrees: the published schema accepts what Parse accepts (the
// full example, the downstream module's file) and refuses the mistakes
// Parse refuses.
func TestSchemaAgrees(t *testing.T) {
	s := compileSchema(t)
	downstream, err := os.ReadFile("../../../examples/downstream/b24gen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, good := range []string{full, string(downstream)} {
		if _, err := Parse("b24gen.yaml", []byte(good)); err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if err := s.Validate(asJSONValue(t, good)); err != nil {
			t.Errorf("the schema refuses a valid file: %v", err)
		}
	}
	for _, bad := range []string{
		"docs: d\noutptu: x\n",
		"openapi:\n  format: [json]\n",
		"overrides:\n  a.b:\n    nmae: X\n",
		"methods: 5\n",
		"openapi:\n  formats: [xml]\n",
		"packages:\n  crm: Bx-Crm\n",
		"overrides:\n  a.b:\n    name: lower\n",
		"overrides:\n  a.b:\n    params:\n      id: number\n",
	} {
		if _, err := Parse("b24gen.yaml", []byte(bad)); err == nil {
			t.Errorf("Parse accepts %q", bad)
		}
		if err := s.Validate(asJSONValue(t, bad)); err == nil {
			t.Errorf("the schema accepts %q", bad)
		}
	}
}

// TestSchemaCoversConfig: the schema's properties are the file's keys.
func TestSchemaCoversConfig(t *testing.T) {
	var schema struct {
		Properties map[string]struct {
			Properties           map[string]json.RawMessage `json:"properties"`
			AdditionalProperties json.RawMessage            `json:"additionalProperties"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema, &schema); err != nil {
		t.Fatal(err)
	}
	keys := func(t reflect.Type) []string {
		var out []string
		for i := range t.NumField() {
			if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" {
				out = append(out, tag)
			}
		}
		slices.Sort(out)
		return out
	}
	sorted := func(m map[string]json.RawMessage) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	var top []string
	for k := range schema.Properties {
		top = append(top, k)
	}
	slices.Sort(top)
	if want := keys(reflect.TypeOf(Config{})); !slices.Equal(top, want) {
		t.Errorf("schema keys %v, config keys %v", top, want)
	}
	if got, want := sorted(schema.Properties["openapi"].Properties), keys(reflect.TypeOf(OpenAPI{})); !slices.Equal(got, want) {
		t.Errorf("openapi: schema %v, config %v", got, want)
	}
	var override struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(schema.Properties["overrides"].AdditionalProperties, &override); err != nil {
		t.Fatal(err)
	}
	if got, want := sorted(override.Properties), keys(reflect.TypeOf(Override{})); !slices.Equal(got, want) {
		t.Errorf("overrides: schema %v, config %v", got, want)
	}
}

// TestSchemaTypes: the schema lists the types an override may set, the
// same that the config accepts.
func TestSchemaTypes(t *testing.T) {
	var doc any
	if err := json.Unmarshal(Schema, &doc); err != nil {
		t.Fatal(err)
	}
	var enums [][]string
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			if e, ok := t["enum"].([]any); ok && slices.Contains(e, any("datetime")) {
				var names []string
				for _, n := range e {
					names = append(names, n.(string))
				}
				enums = append(enums, names)
			}
			for _, c := range t {
				walk(c)
			}
		case []any:
			for _, c := range t {
				walk(c)
			}
		}
	}
	walk(doc)
	if len(enums) != 1 || !reflect.DeepEqual(enums[0], OverrideTypes()) {
		t.Fatalf("the schema's type enums %v, the config's %v", enums, OverrideTypes())
	}
}
