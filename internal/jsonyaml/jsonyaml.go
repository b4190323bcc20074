// Package jsonyaml turns JSON documents into YAML without losing the key
// order, so that a YAML file says the same thing as its JSON twin, in the
// same order.
package jsonyaml

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// FromJSON converts a JSON document to YAML. JSON is a subset of YAML, so
// yaml.v3 reads it into a node tree that keeps the order of the keys; the
// quoting and flow styles JSON forced are reset so that the output reads as
// ordinary block YAML.
func FromJSON(js []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(js, &doc); err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	resetStyle(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	return buf.Bytes(), nil
}

func resetStyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		// A string that reads as another type ("true", "12") keeps its quotes:
		// the encoder adds them back when the plain style would change the tag.
		n.Style = 0
	case yaml.MappingNode, yaml.SequenceNode:
		if len(n.Content) > 0 {
			n.Style = 0
		}
	}
	for _, c := range n.Content {
		resetStyle(c)
	}
}
