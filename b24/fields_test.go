package b24

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestFieldDescriptors(t *testing.T) {
	answer := `{
		"ID": {"type": "integer", "isRequired": false, "isReadOnly": true, "isImmutable": false, "isMultiple": false, "isDynamic": false, "title": "ID"},
		"STAGE": {"type": "crm_status", "isRequired": "Y", "isReadOnly": "N", "isImmutable": 0, "isMultiple": "0", "isDynamic": false, "statusType": "DEAL_STAGE", "title": "Stage"},
		"KIND": {"type": "crm_status", "isRequired": 1, "isReadOnly": false, "isImmutable": false, "isMultiple": false, "isDynamic": false, "statusType": ["KIND_A", "KIND_B"], "title": "Kind"},
		"UF_CRM_7": {"type": "enumeration", "isRequired": false, "isReadOnly": false, "isImmutable": false, "isMultiple": true, "isDynamic": true, "title": "UF_CRM_7",
			"listLabel": "Colour", "formLabel": "Colour (form)", "filterLabel": "Colour (filter)",
			"items": [{"ID": "3", "VALUE": "red"}], "settings": {"DISPLAY": "LIST"}, "sortable": true},
		"OLD": {"type": "string", "isDeprecated": true, "title": null, "required": true, "default": 5, "size": "20"},
		"stageId": {"type": "crm_status", "upperName": "STAGE_ID", "settings": [], "title": "Stage"}
	}`
	var d FieldDescriptors
	if err := json.Unmarshal([]byte(answer), &d); err != nil {
		t.Fatal(err)
	}
	if len(d) != 6 {
		t.Fatalf("%d descriptors, want 6", len(d))
	}
	id := d["ID"]
	if id.Type != "integer" || id.Title != "ID" || !bool(id.IsReadOnly) || bool(id.IsRequired) || id.Extra != nil {
		t.Errorf("ID: %+v", id)
	}
	stage := d["STAGE"]
	if !bool(stage.IsRequired) || bool(stage.IsReadOnly || stage.IsImmutable || stage.IsMultiple) {
		t.Errorf("STAGE flags: %+v", stage)
	}
	if got := stage.StatusTypes(); !slices.Equal(got, []string{"DEAL_STAGE"}) {
		t.Errorf("STAGE status types %q", got)
	}
	kind := d["KIND"]
	if !kind.IsRequired {
		t.Errorf("KIND: 1 did not read as required")
	}
	if got := kind.StatusTypes(); !slices.Equal(got, []string{"KIND_A", "KIND_B"}) {
		t.Errorf("KIND status types %q", got)
	}
	uf := d["UF_CRM_7"]
	if !uf.IsDynamic || !uf.IsMultiple || uf.ListLabel != "Colour" || uf.FormLabel != "Colour (form)" || uf.FilterLabel != "Colour (filter)" {
		t.Errorf("UF_CRM_7: %+v", uf)
	}
	if string(uf.Items) != `[{"ID": "3", "VALUE": "red"}]` || string(uf.Settings) != `{"DISPLAY": "LIST"}` {
		t.Errorf("UF_CRM_7 items %s, settings %s", uf.Items, uf.Settings)
	}
	if string(uf.Extra["sortable"]) != "true" || len(uf.Extra) != 1 {
		t.Errorf("UF_CRM_7 extra %v", uf.Extra)
	}
	old := d["OLD"]
	if !old.IsDeprecated || old.Title != "" || len(old.Extra) != 3 || string(old.Extra["default"]) != "5" {
		t.Errorf("OLD: %+v", old)
	}
	if old.StatusTypes() != nil {
		t.Errorf("OLD status types %q", old.StatusTypes())
	}
	stageID := d["stageId"]
	if stageID.UpperName != "STAGE_ID" || stageID.Settings != nil {
		t.Errorf("stageId: %+v", stageID)
	}

	// what it encodes reads back the same
	enc, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var again FieldDescriptors
	if err := json.Unmarshal(enc, &again); err != nil {
		t.Fatal(err)
	}
	for name, want := range d {
		got := again[name]
		if got.Type != want.Type || got.Title != want.Title || got.IsRequired != want.IsRequired || got.IsDynamic != want.IsDynamic ||
			!slices.Equal(got.StatusTypes(), want.StatusTypes()) || len(got.Extra) != len(want.Extra) || (len(want.Settings) == 0) != (len(got.Settings) == 0) {
			t.Errorf("%s: %+v after a round trip, want %+v", name, got, want)
		}
	}
}

func TestFieldDescriptorsEmpty(t *testing.T) {
	for _, in := range []string{`[]`, `{}`, `null`, `""`, ` [ ] `} {
		d := FieldDescriptors{"X": {}}
		if err := json.Unmarshal([]byte(in), &d); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if len(d) != 0 {
			t.Errorf("%s: %d descriptors", in, len(d))
		}
	}
	// an empty descriptor reads as the zero one
	var d FieldDescriptors
	if err := json.Unmarshal([]byte(`{"A": [], "B": {"type": "string"}}`), &d); err != nil {
		t.Fatal(err)
	}
	if d["A"].Type != "" || d["B"].Type != "string" {
		t.Errorf("%+v", d)
	}
}

func TestFieldDescriptorsRefused(t *testing.T) {
	for _, in := range []string{`5`, `"TITLE"`, `[{"type": "string"}]`, `{"A": 5}`, `{"A": {"isRequired": "maybe"}}`} {
		var d FieldDescriptors
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("%s: read as %+v", in, d)
		}
	}
}
