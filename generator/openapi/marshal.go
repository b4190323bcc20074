package openapi

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/internal/support/jsonyaml"
)

// Marshal returns doc as indented JSON and as YAML with the same content
// in the same order, both written in one walk of the document. The JSON is
// what json.MarshalIndent(doc, "", "  ") gives, plus a final newline.
// Every kin-openapi type marshals to JSON by marshalling what its
// MarshalYAML returns; encoding/json then validates and copies the nested
// result again at each level, and a document tens of levels deep was
// copied as many times. Here MarshalYAML is called directly and the plain
// values it returns are written as they come. The YAML starts with
// yamlComment ("# …" lines, or "").
func Marshal(doc *openapi3.T, yamlComment string) (jsonDoc, yamlDoc []byte, err error) {
	e := newJSONWriter(doc.Paths.Len(), yamlComment)
	if err := e.value(reflect.ValueOf(doc), 0); err != nil {
		return nil, nil, err
	}
	e.buf.WriteByte('\n')
	if yamlDoc, err = e.yaml.Bytes(); err != nil {
		return nil, nil, err
	}
	return trimmed(e.buf.Bytes()), trimmed(yamlDoc), nil
}

// trimmed returns b, or a copy at its own size when b has a quarter more
// room than it needs: the documents are kept for the whole run. A copy
// costs fresh memory as large as the document, which the machine has to
// provide page by page, so the buffers start near the size they end at.
func trimmed(b []byte) []byte {
	if cap(b)-len(b) > len(b)/4 {
		return bytes.Clone(b)
	}
	return b
}

// yamlMarshaler is what kin-openapi's types implement; their MarshalJSON
// is json.Marshal of the result.
type yamlMarshaler interface {
	MarshalYAML() (any, error)
}

var (
	yamlMarshalerType = reflect.TypeFor[yamlMarshaler]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	numberType        = reflect.TypeFor[json.Number]()
)

// custom says whether encoding/json would call a method of t to encode it.
func custom(t reflect.Type) bool {
	return t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType)
}

// jsonBytesPerOperation and yamlBytesPerOperation are a little more than
// one operation weighs, with the schemas it uses, in each document (13 to
// 15 KB and 11 to 12 KB in the docs of 2026): buffers that start there
// are not grown by doubling, which would cost a fresh buffer twice the
// size and the copy, and then a third one at the document's size.
const (
	jsonBytesPerOperation = 16 << 10
	yamlBytesPerOperation = 13 << 10
)

// jsonWriter writes a value as indented JSON and pushes the same value to
// a YAML writer.
type jsonWriter struct {
	buf  bytes.Buffer
	yaml *jsonyaml.Writer
	// encoder encodes strings into buf as encoding/json escapes them.
	encoder *json.Encoder
}

// newJSONWriter returns a writer whose buffers start with room for a
// document of about operations operations, its YAML after yamlComment.
func newJSONWriter(operations int, yamlComment string) *jsonWriter {
	e := &jsonWriter{yaml: jsonyaml.NewWriterAfter(yamlComment, operations*yamlBytesPerOperation+len(yamlComment))}
	e.buf.Grow(operations * jsonBytesPerOperation)
	e.encoder = json.NewEncoder(&e.buf)
	return e
}

func (e *jsonWriter) value(v reflect.Value, depth int) error {
	if !v.IsValid() {
		e.literal("null")
		return nil
	}
	if s := plainSchema(v); s != nil {
		if keys, values, ok := schemaEntries(s); ok {
			return e.entries(keys, values, depth)
		}
	}
	if v.CanAddr() && custom(reflect.PointerTo(v.Type())) {
		v = v.Addr()
	}
	t := v.Type()
	if t.Implements(yamlMarshalerType) && t.Implements(jsonMarshalerType) {
		if (t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface) && v.IsNil() {
			e.literal("null")
			return nil
		}
		x, err := v.Interface().(yamlMarshaler).MarshalYAML()
		if err != nil {
			return err
		}
		return e.value(reflect.ValueOf(x), depth)
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			e.literal("null")
			return nil
		}
		if !custom(t) {
			return e.value(v.Elem(), depth)
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !custom(t) {
			return e.object(v, depth)
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() != reflect.Uint8 && !custom(t) {
			return e.array(v, depth)
		}
	case reflect.String:
		if !custom(t) && t != numberType {
			return e.leaf(v.String())
		}
	case reflect.Bool:
		if !custom(t) {
			e.literal(strconv.FormatBool(v.Bool()))
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !custom(t) {
			e.literal(strconv.FormatInt(v.Int(), 10))
			return nil
		}
	}
	// Anything else (floats, structs, raw messages, …) is encoding/json's.
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	if err := e.yaml.JSON(b); err != nil {
		return err
	}
	return json.Indent(&e.buf, b, strings.Repeat("  ", depth), "  ")
}

// literal writes a number, a boolean or null.
func (e *jsonWriter) literal(s string) {
	e.buf.WriteString(s)
	e.yaml.Literal(s)
}

func (e *jsonWriter) object(v reflect.Value, depth int) error {
	if v.IsNil() {
		e.literal("null")
		return nil
	}
	keys := make([]string, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		keys = append(keys, it.Key().String())
	}
	slices.Sort(keys)
	values := make([]reflect.Value, len(keys))
	for i, k := range keys {
		values[i] = v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key()))
	}
	return e.entries(keys, values, depth)
}

// entries writes an object of the keys, sorted, and their values.
func (e *jsonWriter) entries(keys []string, values []reflect.Value, depth int) error {
	e.yaml.BeginObject(len(keys) == 0)
	defer e.yaml.End()
	if len(keys) == 0 {
		e.buf.WriteString("{}")
		return nil
	}
	e.buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.newline(depth + 1)
		if err := e.jsonString(k); err != nil {
			return err
		}
		e.yaml.Key(k)
		e.buf.WriteString(": ")
		if err := e.value(values[i], depth+1); err != nil {
			return err
		}
	}
	e.newline(depth)
	e.buf.WriteByte('}')
	return nil
}

func (e *jsonWriter) array(v reflect.Value, depth int) error {
	if v.Kind() == reflect.Slice && v.IsNil() {
		e.literal("null")
		return nil
	}
	e.yaml.BeginArray(v.Len() == 0)
	defer e.yaml.End()
	if v.Len() == 0 {
		e.buf.WriteString("[]")
		return nil
	}
	e.buf.WriteByte('[')
	for i := range v.Len() {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.newline(depth + 1)
		if err := e.value(v.Index(i), depth+1); err != nil {
			return err
		}
	}
	e.newline(depth)
	e.buf.WriteByte(']')
	return nil
}

// leaf writes a string value.
func (e *jsonWriter) leaf(s string) error {
	e.yaml.String(s)
	return e.jsonString(s)
}

// jsonString writes s as encoding/json escapes it. The encoder ends its
// value with a newline, which is taken back.
func (e *jsonWriter) jsonString(s string) error {
	if err := e.encoder.Encode(s); err != nil {
		return err
	}
	e.buf.Truncate(e.buf.Len() - 1)
	return nil
}

func (e *jsonWriter) newline(depth int) {
	e.buf.WriteByte('\n')
	for range depth {
		e.buf.WriteString("  ")
	}
}
