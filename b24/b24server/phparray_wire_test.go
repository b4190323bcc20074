package b24server_test

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/generated/fixture"
)

// nestedServer implements fixture.nested.add and keeps the request.
type nestedServer struct {
	fixture.UnimplementedServer
	got **fixture.NestedAddRequest
}

func (s nestedServer) NestedAdd(_ context.Context, req *fixture.NestedAddRequest) (int64, error) {
	*s.got = req
	return 1, nil
}

// TestWirePHPArrays: to PHP a list and an object are one thing, an array.
// A plain net/http client sends arrays as PHP code builds them: a list
// whose keys have gaps after unset() or array_filter() (select[0]=ID&
// select[2]=TITLE from http_build_query, {"0":…,"2":…} from
// json_encode), and a list where the docs document an object. A portal
// reads each; the generated server hands the implementation the values
// in the keys' order (a decoded object keeps no other).
func TestWirePHPArrays(t *testing.T) {
	var got *fixture.NestedAddRequest
	srv := httptest.NewServer(fixture.NewHandler(nestedServer{got: &got}))
	defer srv.Close()
	for _, tc := range []struct {
		name, contentType, body string
		tags                    []string
		phones                  []string
	}{
		{"form, keys with gaps", "application/x-www-form-urlencoded",
			"fields[TITLE]=t&tags[0]=a&tags[2]=b&fields[PHONE][1][VALUE]=1&fields[PHONE][4][VALUE]=2", []string{"a", "b"}, []string{"1", "2"}},
		{"JSON, keys with gaps", "application/json",
			`{"fields":{"TITLE":"t","PHONE":{"3":{"VALUE":"1"},"10":{"VALUE":"2"}}},"tags":{"1":"a","5":"b"}}`, []string{"a", "b"}, []string{"1", "2"}},
		{"JSON, keys out of their order: read in theirs", "application/json",
			`{"fields":{"TITLE":"t"},"tags":{"5":"b","1":"a"}}`, []string{"a", "b"}, nil},
		{"a list where the docs document an object", "application/json",
			`{"fields":{"TITLE":"t"},"params":["Y"]}`, nil, nil},
		// PHP's empty values, and null, which Go's encoding/json writes
		// for a nil slice in a map: no elements
		{"false for a list", "application/json", `{"fields":{"TITLE":"t","PHONE":false},"tags":false}`, nil, nil},
		{"null for a list", "application/json", `{"fields":{"TITLE":"t","PHONE":null},"tags":null}`, nil, nil},
	} {
		got = nil
		resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.nested.add", tc.contentType, strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || got == nil {
			t.Errorf("%s: %d %s", tc.name, resp.StatusCode, raw)
			continue
		}
		var phones []string
		for _, p := range got.Fields.Phone {
			phones = append(phones, p.Value)
		}
		if !slices.Equal(got.Tags, tc.tags) || !slices.Equal(phones, tc.phones) {
			t.Errorf("%s: tags %q, phones %q; want %q, %q", tc.name, got.Tags, phones, tc.tags, tc.phones)
		}
	}
}

// TestWireKeyedObjects: a parameter the docs describe as an associative
// array of objects (crm.activity.configurable.add's layout blocks) comes
// keyed by codes. A plain net/http client sends it as JSON, as a form and
// as a list (a PHP array keyed 0…n-1); the generated server checks each
// value's members and hands the implementation the map.
func TestWireKeyedObjects(t *testing.T) {
	var got *fixture.NestedAddRequest
	srv := httptest.NewServer(fixture.NewHandler(nestedServer{got: &got}))
	defer srv.Close()
	post := func(contentType, body string) (int, string) {
		t.Helper()
		got = nil
		resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.nested.add", contentType, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	for _, tc := range []struct {
		name, contentType, body string
		want                    map[string]string
	}{
		{"JSON", "application/json",
			`{"fields":{"TITLE":"t"},"blocks":{"head":{"type":"text","value":"a"},"site":{"type":"LINK","value":"b"}}}`,
			map[string]string{"head": "text:a", "site": "link:b"}},
		{"form", "application/x-www-form-urlencoded",
			"fields[TITLE]=t&blocks[head][type]=text&blocks[head][value]=a&blocks[7][type]=link",
			map[string]string{"head": "text:a", "7": "link:"}},
		{"a list", "application/json",
			`{"fields":{"TITLE":"t"},"blocks":[{"type":"text","value":"a"}]}`,
			map[string]string{"0": "text:a"}},
		{"none", "application/json", `{"fields":{"TITLE":"t"},"blocks":[]}`, map[string]string{}},
		{"false", "application/json", `{"fields":{"TITLE":"t"},"blocks":false}`, map[string]string{}},
	} {
		status, body := post(tc.contentType, tc.body)
		if status != 200 || got == nil {
			t.Errorf("%s: %d %s", tc.name, status, body)
			continue
		}
		blocks := map[string]string{}
		for k, b := range got.Blocks {
			blocks[k] = string(b.Type) + ":" + b.Value.Value
		}
		if !maps.Equal(blocks, tc.want) {
			t.Errorf("%s: blocks %v, want %v", tc.name, blocks, tc.want)
		}
	}
	// each value is checked as the docs describe it
	for body, want := range map[string]string{
		`{"fields":{"TITLE":"t"},"blocks":{"head":{"value":"a"}}}`:                 `Required parameter \"blocks.head.type\" is missing`,
		`{"fields":{"TITLE":"t"},"blocks":{"head":{"type":"video"}}}`:              `\"blocks.head.type\" has a value that is not allowed`,
		`{"fields":{"TITLE":"t"},"blocks":"text"}`:                                 `\"blocks\" must be of type object`,
		`{"fields":{"TITLE":"t"},"blocks":{"a":{"type":"text"},"b":{"type":[1]}}}`: `\"blocks.b.type\" must be of type string`,
	} {
		status, answer := post("application/json", body)
		if status != 400 || !strings.Contains(answer, want) || got != nil {
			t.Errorf("%s: %d %s, want 400 saying %s", body, status, answer, want)
		}
	}
}

// TestWireEnumSpelling: a plain net/http client sends documented values
// in another case ("work" for WORK, as portals take codes); the generated
// server accepts them and hands the implementation the documented
// spelling, which its typed constants hold.
func TestWireEnumSpelling(t *testing.T) {
	var got *fixture.NestedAddRequest
	srv := httptest.NewServer(fixture.NewHandler(nestedServer{got: &got}))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.nested.add", "application/json",
		strings.NewReader(`{"fields":{"TITLE":"t","STAGE":"work","PHONE":[{"VALUE":"1","VALUE_TYPE":"Mobile"}]},"blocks":{"a":{"type":"LINK"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || got == nil {
		t.Fatalf("%d %s", resp.StatusCode, raw)
	}
	if got.Fields.Stage.Value != fixture.StageWork || got.Fields.Phone[0].ValueType.Value != fixture.ValueTypeMobile || got.Blocks["a"].Type != fixture.TypeLink {
		t.Errorf("stage %q, value type %q, block type %q; want the documented spellings", got.Fields.Stage.Value, got.Fields.Phone[0].ValueType.Value, got.Blocks["a"].Type)
	}
}
