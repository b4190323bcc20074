package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestMarshalModel: the parallel encoding is json.MarshalIndent's, byte
// for byte, for the specs' model and for empty and nil lists; and model.API
// has the fields marshalModel writes, in its order.
func TestMarshalModel(t *testing.T) {
	res, err := parser.Parse(os.DirFS(specs), parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, api := range map[string]*model.API{
		"specs":       &res.API,
		"empty lists": {Version: 1, Methods: []model.Method{}, Events: []model.Event{}},
		"nil lists":   {Version: 1},
		"one method":  {Version: 1, Methods: res.API.Methods[:1]},
	} {
		want, err := json.MarshalIndent(api, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalModel(api)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the parallel encoding differs from json.MarshalIndent", name)
		}
	}
	typ := reflect.TypeFor[model.API]()
	var tags []string
	for i := range typ.NumField() {
		tags = append(tags, typ.Field(i).Tag.Get("json"))
	}
	if !reflect.DeepEqual(tags, []string{"version", "methods", "events"}) {
		t.Errorf("model.API has the fields %v: marshalModel writes version, methods, events", tags)
	}
}
