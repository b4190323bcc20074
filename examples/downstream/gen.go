// Package downstream shows b24gen used from another module: go generate
// writes the typed client, server and events of the selected methods into
// b24api/, from the configuration in b24gen.yaml.
package downstream

//go:generate go tool b24gen -config b24gen.yaml
