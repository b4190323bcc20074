package b24server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

type thingReq struct {
	ID     b24.Int `json:"id"`
	Fields struct {
		Title string `json:"TITLE"`
		Stage string `json:"STAGE"`
	} `json:"fields"`
	Select json.RawMessage `json:"select"`
}

var thing = &b24.Method{
	Name: "test.thing.add",
	Params: []b24.Param{
		{Name: "id", Type: b24.TypeInteger, Required: true},
		{Name: "fields", Type: b24.TypeObject, Fields: []b24.Param{
			{Name: "TITLE", Type: b24.TypeString, Required: true},
			{Name: "STAGE", Type: b24.TypeString, Enum: []string{"NEW", "DONE", "IN_WORK"}},
		}},
		{Name: "select", Type: b24.TypeObject},
	},
	Errors: []b24.ErrorInfo{{Code: "THING_LOCKED", Status: 409, Message: "Thing is locked"}},
}

func newMux(t *testing.T, fn func(context.Context, *thingReq) (any, error), opts ...Option) *httptest.Server {
	t.Helper()
	m := NewMux(opts...)
	Handle(m, thing, fn)
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	return resp.StatusCode, out
}

func TestValidationAndErrors(t *testing.T) {
	srv := newMux(t, func(_ context.Context, r *thingReq) (any, error) {
		switch r.ID {
		case 1:
			return nil, b24.ErrorCode("THING_LOCKED")
		case 2:
			panic("secret internals")
		case 3:
			return nil, errors.New("database password=hunter2 failed")
		case 4:
			return nil, &b24.APIError{Code: "CUSTOM", Description: "Custom", Status: 418}
		}
		return r.Fields.Title, nil
	})
	url := srv.URL + "/rest/1/tok/test.thing.add"
	tests := []struct {
		body   string
		status int
		code   string
	}{
		{`{"id":9,"fields":{"TITLE":"x","STAGE":"NEW"}}`, 200, ""},
		{`{"id":9,"fields":{"title":"x"}}`, 200, ""},
		{`{"id":9,"fields":{"STAGE":"NEW"}}`, 400, "INVALID_ARG_VALUE"},
		{`{"id":9,"fields":{"TITLE":"x","STAGE":"LATER"}}`, 400, "INVALID_ARG_VALUE"},
		{`{"id":9,"fields":{"TITLE":"x","STAGE":"inWork"}}`, 200, ""},
		{`{"id":9,"fields":{"TITLE":"x","STAGE":"IN_WORKS"}}`, 400, "INVALID_ARG_VALUE"},
		{`{"id":9,"fields":"x"}`, 400, "INVALID_ARG_VALUE"},
		{`{"id":9,"fields":[{"TITLE":"x"}]}`, 400, "INVALID_ARG_VALUE"},
		{`{"id":9,"fields":{"TITLE":"x"},"select":["ID","TITLE"]}`, 200, ""},
		{`{"id":9,"fields":{"TITLE":"x"},"select":{"0":"ID"}}`, 200, ""},
		{`{"id":9,"fields":{"TITLE":"x"},"select":"ID"}`, 400, "INVALID_ARG_VALUE"},
		{`{"id":1,"fields":{"TITLE":"x"}}`, 409, "THING_LOCKED"},
		{`{"id":2,"fields":{"TITLE":"x"}}`, 500, "INTERNAL_SERVER_ERROR"},
		{`{"id":3,"fields":{"TITLE":"x"}}`, 500, "INTERNAL_SERVER_ERROR"},
		{`{"id":4,"fields":{"TITLE":"x"}}`, 418, "CUSTOM"},
		{strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100), 400, "INVALID_REQUEST"},
		{"\xff\xfe", 400, "INVALID_REQUEST"},
	}
	for _, tt := range tests {
		status, body := post(t, url, tt.body)
		if status != tt.status || (tt.code != "" && body["error"] != tt.code) {
			t.Errorf("%.60s: %d %v, want %d %s", tt.body, status, body, tt.status, tt.code)
		}
		for _, secret := range []string{"secret internals", "hunter2"} {
			if desc, _ := body["error_description"].(string); strings.Contains(desc, secret) {
				t.Errorf("the answer leaks %q", secret)
			}
		}
	}
	if _, body := post(t, url, `{"id":9,"fields":{"TITLE":"x"}}`); body["result"] != "x" {
		t.Errorf("result %v", body)
	}
}

func TestBodyLimit(t *testing.T) {
	srv := newMux(t, func(context.Context, *thingReq) (any, error) { return true, nil }, WithMaxBodyBytes(1024))
	status, body := post(t, srv.URL+"/rest/1/tok/test.thing.add", `{"id":1,"pad":"`+strings.Repeat("x", 4096)+`"}`)
	if status != 413 || body["error"] != "INVALID_REQUEST" {
		t.Fatalf("%d %v", status, body)
	}
}

func TestCredentials(t *testing.T) {
	var seen Credentials
	srv := newMux(t, func(ctx context.Context, _ *thingReq) (any, error) {
		seen, _ = CredentialsFrom(ctx)
		return true, nil
	})
	post(t, srv.URL+"/rest/7/tok/test.thing.add", `{"id":1,"fields":{"TITLE":"x"}}`)
	if seen.Kind != Webhook || seen.UserID != "7" || seen.Token != "tok" {
		t.Fatalf("%+v", seen)
	}
	if strings.Contains(seen.String(), "tok") {
		t.Fatalf("String leaks the token: %s", seen)
	}
}

// TestDocumentedValidationCodes: a failed check is answered with the code
// the docs give for that parameter and problem, one naming the parameter
// before one for any parameter, and INVALID_ARG_VALUE when none fits; the
// application's mapping comes first.
func TestDocumentedValidationCodes(t *testing.T) {
	spec := &b24.Method{
		Name: "test.doc.delete",
		Params: []b24.Param{
			{Name: "id", Type: b24.TypeInteger, Required: true},
			{Name: "mode", Type: b24.TypeString, Required: true, Enum: []string{"soft", "hard"}},
		},
		Errors: []b24.ErrorInfo{
			{Code: "REQUIRED_MISSING", Status: 400, Message: "Required parameter is missing", Checks: []b24.ParamCheck{{Missing: true}}},
			{Code: "ID_NOT_PROVIDED", Status: 200, Message: "ID is missing.", Checks: []b24.ParamCheck{{Param: "ID", Missing: true}}},
			{Code: "ID_FORMAT", Status: 200, Message: "ID has to be a positive integer.", Checks: []b24.ParamCheck{{Param: "id", Invalid: true}}},
			// a page that says when the error occurs but gives no text
			{Code: "TYPE_ERROR", Status: 400, Checks: []b24.ParamCheck{{Param: "mode", Invalid: true}}},
		},
	}
	m := NewMux()
	Handle(m, spec, func(context.Context, *struct{}) (bool, error) { return true, nil })
	srv := httptest.NewServer(m)
	defer srv.Close()
	url := srv.URL + "/rest/1/tok/test.doc.delete"
	for _, tt := range []struct {
		body   string
		status int
		code   string
	}{
		{`{"mode":"soft"}`, 200, "ID_NOT_PROVIDED"},
		{`{"id":"abc","mode":"soft"}`, 200, "ID_FORMAT"},
		{`{"id":1}`, 400, "REQUIRED_MISSING"},
		{`{"id":1,"mode":"gone"}`, 400, "TYPE_ERROR"},
		{`{"id":1,"mode":"hard"}`, 200, ""},
	} {
		status, body := post(t, url, tt.body)
		if status != tt.status || (tt.code != "" && body["error"] != tt.code) || (tt.code == "" && body["result"] != true) {
			t.Errorf("%s: %d %v, want %d %s", tt.body, status, body, tt.status, tt.code)
		}
	}
	// a documented code without a text says which parameter failed
	if _, body := post(t, url, `{"id":1,"mode":"gone"}`); body["error_description"] == "" || !strings.Contains(body["error_description"].(string), `"mode"`) {
		t.Errorf("a documented code without a text: %v, want a description naming mode", body)
	}
	// the application's mapping wins
	m = NewMux(WithValidationErrors(func(*ValidationError) error { return b24.ErrorCode("MINE") }))
	Handle(m, spec, func(context.Context, *struct{}) (bool, error) { return true, nil })
	srv2 := httptest.NewServer(m)
	defer srv2.Close()
	if _, body := post(t, srv2.URL+"/rest/1/tok/test.doc.delete", `{}`); body["error"] != "MINE" {
		t.Errorf("override: %v", body)
	}
}

// TestUnimplemented: an implementation that answers ERROR_METHOD_NOT_FOUND
// (an embedded UnimplementedServer) answers as a portal does: 404.
func TestUnimplemented(t *testing.T) {
	srv := newMux(t, func(context.Context, *thingReq) (any, error) { return nil, b24.ErrMethodNotFound })
	status, body := post(t, srv.URL+"/rest/1/tok/test.thing.add", `{"id":1,"fields":{"TITLE":"x"}}`)
	if status != 404 || body["error"] != "ERROR_METHOD_NOT_FOUND" || body["error_description"] != "Method not found!" {
		t.Fatalf("%d %v", status, body)
	}
}

// TestValidateTwoSpellings: of two spellings of one parameter, the same
// one is read on every call.
func TestValidateTwoSpellings(t *testing.T) {
	for range 20 {
		params := map[string]any{"Id": "not a number", "ID": json.Number("5")}
		if err := Validate(thing, params); err != nil {
			t.Fatalf("want ID (5) read, not Id: %v", err)
		}
	}
}
