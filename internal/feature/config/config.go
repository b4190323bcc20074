// Package config reads b24gen.yaml, the configuration a project keeps next
// to its go:generate line: where the docs are, which methods to generate,
// where the output goes, how packages are named, which OpenAPI files to
// write, and overrides for what the docs get wrong. Decoding is strict: an
// unknown key or a value of the wrong kind is an error naming the file and
// line. The JSON Schema of the file is Schema.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// Schema is the JSON Schema of b24gen.yaml, for editors and CI.
//
//go:embed b24gen.schema.json
var Schema []byte

// Config is b24gen.yaml. Relative paths are relative to the file.
type Config struct {
	// Docs is the documentation tree.
	Docs string `yaml:"docs"`
	// DocsLang is another edition of the tree (the English one) whose
	// words document the API that Docs defines.
	DocsLang string `yaml:"docs_lang"`
	// Methods are globs on method and event names to generate (all when
	// empty); Exclude removes names from them.
	Methods []string `yaml:"methods"`
	Exclude []string `yaml:"exclude"`
	// Output is the output directory; Import its import path (by default
	// from the go.mod above it).
	Output string `yaml:"output"`
	Import string `yaml:"import"`
	// Packages renames the package of a namespace: crm → bxcrm.
	Packages map[string]string `yaml:"packages"`
	// OpenAPI says which OpenAPI files to write.
	OpenAPI OpenAPI `yaml:"openapi"`
	// Overrides correct the docs, per method or event name.
	Overrides map[string]Override `yaml:"overrides"`

	// file and lines locate the settings, for errors found after decoding.
	file  string
	lines map[string]int
}

// OpenAPI selects the OpenAPI files.
type OpenAPI struct {
	// Formats are "json" and "yaml"; an empty list writes none. Absent:
	// both.
	Formats []string `yaml:"formats"`
	// Forms documents form-encoded request bodies beside the JSON ones.
	Forms bool `yaml:"forms"`
}

// Override corrects what the docs say of one method or event.
type Override struct {
	// Name is the Go name of the method (SourceDelete) or event
	// (OnImbotV2MessageAdd): kept when the docs change the case of the
	// name, or given when its code spells no words (ONIMBOTV2MESSAGEADD).
	Name string `yaml:"name"`
	// Params and Returns set the base type of a parameter or returned
	// field of a method, by path: "id", "fields.TITLE", "result.ID".
	Params  map[string]string `yaml:"params"`
	Returns map[string]string `yaml:"returns"`
}

// Error is a problem with the configuration, at a line of the file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// DefaultFormats are the OpenAPI formats written when the file names none.
var DefaultFormats = []string{"json", "yaml"}

// Load reads and checks a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes a configuration; path names it in errors and anchors its
// relative paths.
func Parse(path string, data []byte) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	c := &Config{file: path, lines: map[string]int{}}
	if len(doc.Content) == 0 {
		return nil, &Error{File: path, Msg: "the file is empty"}
	}
	root := doc.Content[0]
	if err := checkKeys(path, root, reflect.TypeOf(*c), "", c.lines); err != nil {
		return nil, err
	}
	if err := root.Decode(c); err != nil {
		return nil, yamlError(path, err)
	}
	c.resolvePaths(filepath.Dir(path))
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// yamlError puts the file name in front of yaml.v3's "line N: …" errors.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msgs := make([]string, len(te.Errors))
		for i, m := range te.Errors {
			msgs[i] = path + ":" + strings.TrimPrefix(m, "line ")
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	// syntax errors read "yaml: line N: …"
	if rest, ok := strings.CutPrefix(err.Error(), "yaml: line "); ok {
		return errors.New(path + ":" + rest)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// checkKeys refuses keys the configuration does not have, naming the line,
// and records the line of every key by its dotted path.
func checkKeys(path string, n *yaml.Node, t reflect.Type, prefix string, lines map[string]int) error {
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil // yaml.v3 reports the mismatch with its line
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if tag == "" || !f.IsExported() {
				continue
			}
			fields[tag] = f.Type
			names = append(names, tag)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				return &Error{File: path, Line: k.Line, Msg: fmt.Sprintf("unknown key %q%s; the keys here are %s", k.Value, where(prefix), strings.Join(names, ", "))}
			}
			key := join(prefix, k.Value)
			lines[key] = k.Line
			if err := checkKeys(path, v, ft, key, lines); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := join(prefix, n.Content[i].Value)
			lines[key] = n.Content[i].Line
			if err := checkKeys(path, n.Content[i+1], t.Elem(), key, lines); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		for _, e := range n.Content {
			if err := checkKeys(path, e, t.Elem(), prefix, lines); err != nil {
				return err
			}
		}
	}
	return nil
}

func where(prefix string) string {
	if prefix == "" {
		return ""
	}
	return " in " + prefix
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// resolvePaths makes the relative paths relative to dir.
func (c *Config) resolvePaths(dir string) {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	c.Docs, c.DocsLang, c.Output = abs(c.Docs), abs(c.DocsLang), abs(c.Output)
}

// line returns the line of a setting, 0 when unknown.
func (c *Config) line(key string) int { return c.lines[key] }

// Errorf returns an error at the line of a setting.
func (c *Config) Errorf(key, format string, args ...any) error {
	return &Error{File: c.file, Line: c.line(key), Msg: fmt.Sprintf(format, args...)}
}

// OverrideTypes are the types an override may set: the base types but
// time, which is the answer envelope's alone.
func OverrideTypes() []string {
	var out []string
	for _, t := range protocol.Types {
		if t != protocol.Time {
			out = append(out, string(t))
		}
	}
	return out
}

func (c *Config) validate() error {
	for _, f := range c.OpenAPI.Formats {
		if f != "json" && f != "yaml" {
			return c.Errorf("openapi.formats", "OpenAPI format %q: the formats are json and yaml", f)
		}
	}
	for ns, pkg := range c.Packages {
		if naming.Ident(pkg, naming.Package) != pkg {
			return c.Errorf("packages."+ns, "%q is not a Go package name (%q would be)", pkg, naming.Ident(pkg, naming.Package))
		}
	}
	for method, o := range c.Overrides {
		if o.Name != "" && naming.Ident(o.Name, naming.Exported) != o.Name {
			return c.Errorf("overrides."+method+".name", "%q is not an exported Go name (%q would be)", o.Name, naming.Ident(o.Name, naming.Exported))
		}
		for _, part := range []struct {
			key   string
			types map[string]string
		}{{"params", o.Params}, {"returns", o.Returns}} {
			for p, t := range part.types {
				if !slices.Contains(OverrideTypes(), t) {
					return c.Errorf("overrides."+method+"."+part.key+"."+p, "type %q: the types are %s", t, strings.Join(OverrideTypes(), ", "))
				}
			}
		}
	}
	return nil
}

// Formats returns the OpenAPI formats to write.
func (c *Config) Formats() []string {
	if c.OpenAPI.Formats == nil && c.line("openapi.formats") == 0 {
		return DefaultFormats
	}
	return c.OpenAPI.Formats
}

// MethodNames returns the Go names the overrides set, by method name.
func (c *Config) GoNames() map[string]string {
	out := map[string]string{}
	for m, o := range c.Overrides {
		if o.Name != "" {
			out[m] = o.Name
		}
	}
	return out
}

// Apply applies the type overrides to the model. An override of a method,
// event or field the docs do not have is an error: it would otherwise
// silently do nothing; so are two overrides of one name spelled in two
// cases.
func (c *Config) Apply(api *model.API) error {
	names := make([]string, 0, len(c.Overrides))
	for m := range c.Overrides {
		names = append(names, m)
	}
	slices.Sort(names)
	for i, name := range names {
		if i > 0 && strings.EqualFold(names[i-1], name) {
			return c.Errorf("overrides."+name, "overrides of %s and %s: one name, spelled twice", names[i-1], name)
		}
		o := c.Overrides[name]
		ms := api.Find(name)
		if len(ms) == 0 {
			if !slices.ContainsFunc(api.Events, func(e model.Event) bool { return strings.EqualFold(e.Name, name) }) {
				return c.Errorf("overrides."+name, "override of %s: the docs have no such method or event (or it is not selected)", name)
			}
			if len(o.Params) > 0 || len(o.Returns) > 0 {
				return c.Errorf("overrides."+name, "override of %s: an event takes only name", name)
			}
		}
		for _, m := range ms {
			if err := c.setTypes(name, "params", m.Params, o.Params); err != nil {
				return err
			}
			if err := c.setTypes(name, "returns", m.Returns, o.Returns); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *Config) setTypes(method, part string, fields []model.Field, types map[string]string) error {
	for p, t := range types {
		f := findPath(fields, p)
		if f == nil {
			return c.Errorf("overrides."+method+"."+part+"."+p, "override of %s %s: the method documents no field %q", method, part, p)
		}
		f.Base, f.Type = model.Base(t), t
		if t != "object" {
			f.Fields = []model.Field{}
		}
	}
	return nil
}

// findPath finds a field by its dotted path.
func findPath(fs []model.Field, path string) *model.Field {
	head, rest, more := strings.Cut(path, ".")
	for i := range fs {
		if fs[i].Name != head {
			continue
		}
		if !more {
			return &fs[i]
		}
		return findPath(fs[i].Fields, rest)
	}
	return nil
}
