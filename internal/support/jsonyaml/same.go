package jsonyaml

import (
	"encoding/json"
	"fmt"
	"reflect"

	"gopkg.in/yaml.v3"
)

// Same checks a YAML document against its JSON twin with yaml.v3's
// decoder: it returns nil when the YAML reads as the value the JSON
// holds, numbers compared as float64 (JSON has no integers). It is how
// the tests hold the writer to YAML's rules.
func Same(js, y []byte) error {
	var fromJSON, fromYAML any
	if err := json.Unmarshal(js, &fromJSON); err != nil {
		return fmt.Errorf("jsonyaml: the JSON does not read: %w", err)
	}
	if err := yaml.Unmarshal(y, &fromYAML); err != nil {
		return fmt.Errorf("jsonyaml: yaml.v3 cannot read the YAML: %w", err)
	}
	if !reflect.DeepEqual(floatNumbers(fromJSON), floatNumbers(fromYAML)) {
		return fmt.Errorf("jsonyaml: the YAML reads as another value than the JSON")
	}
	return nil
}

// floatNumbers turns the integers yaml.v3 decodes into float64, in place.
func floatNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = floatNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = floatNumbers(x)
		}
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return v
}
