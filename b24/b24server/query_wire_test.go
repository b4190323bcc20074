package b24server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated/fixture"
)

// listServer records what the implementation of fixture.item.list is
// given.
type listServer struct {
	fixture.UnimplementedServer
	seen *fixture.ItemListRequest
}

func (s listServer) ItemList(_ context.Context, r *fixture.ItemListRequest) (*fixture.ItemListResult, error) {
	*s.seen = *r
	return &fixture.ItemListResult{}, nil
}

// TestOrderKeepsPrecedenceOnTheWire: a list's order is an object whose
// members' order is the sort's precedence. The generated client sends the
// keys in the order the caller gave them, and the generated server gives
// its implementation them in the order they came, with the filter's
// values as sent (ids as json.Number).
func TestOrderKeepsPrecedenceOnTheWire(t *testing.T) {
	var body []byte
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		io.WriteString(w, `{"result":{"items":[]},"time":{"start":1,"finish":1,"duration":0,"processing":0,"date_start":"2026-01-01T00:00:00+00:00","date_finish":"2026-01-01T00:00:00+00:00"}}`)
	}))
	defer portal.Close()
	c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ItemList(context.Background(), &fixture.ItemListRequest{
		EntityTypeID: 2,
		Filter:       b24.Filter{">id": 9007199254740993, "title": []string{"a", "b"}},
		Order:        b24.Order{b24.Asc("title"), b24.Desc("id"), b24.Asc("createdTime")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(body, []byte(`"order":{"title":"ASC","id":"DESC","createdTime":"ASC"}`)) {
		t.Errorf("the client sent %s", body)
	}
	var sent struct{ Filter map[string]json.RawMessage }
	if err := json.Unmarshal(body, &sent); err != nil || string(sent.Filter[">id"]) != "9007199254740993" || string(sent.Filter["title"]) != `["a","b"]` {
		t.Errorf("the client sent %s", body)
	}

	var seen fixture.ItemListRequest
	srv := httptest.NewServer(fixture.NewHandler(listServer{seen: &seen}, b24server.WithAuth(b24server.StaticWebhook("1", "tok"))))
	defer srv.Close()
	for _, tc := range []struct {
		body  string
		order b24.Order
		id    any
	}{
		{`{"entityTypeId":2,"order":{"title":"asc","id":"DESC"},"filter":{">id":9007199254740993}}`, b24.Order{{Field: "title", Direction: "asc"}, b24.Desc("id")}, json.Number("9007199254740993")},
		{`{"entityTypeId":2,"order":{"id":"DESC","title":"ASC"}}`, b24.Order{b24.Desc("id"), b24.Asc("title")}, nil},
		{`{"entityTypeId":2,"order":[],"filter":""}`, nil, nil},
		{`entityTypeId=2&order[title]=ASC&order[id]=DESC&filter[%3Eid]=5`, b24.Order{b24.Asc("title"), b24.Desc("id")}, "5"},
		{`entityTypeId=2&order%5Bid%5D=DESC&order%5Btitle%5D=ASC`, b24.Order{b24.Desc("id"), b24.Asc("title")}, nil},
		{`?entityTypeId=2&order[id]=DESC&order[title]=ASC`, b24.Order{b24.Desc("id"), b24.Asc("title")}, nil},
		// found by a black-box attack: the parameter spelled twice, in
		// other cases, in the query and the body; keys that are not UTF-8
		{`{"entityTypeId":2,"order":{"a":"ASC"},"order":{"z":"ASC","y":"DESC"}}`, b24.Order{b24.Asc("z"), b24.Desc("y")}, nil},
		{`{"entityTypeId":2,"order":[],"\u006frder":{"z":"ASC","y":"DESC"}}`, b24.Order{b24.Asc("z"), b24.Desc("y")}, nil},
		{`{"entityTypeId":2,"Order":{"c":"ASC"},"ORDER":{"z":"ASC","y":"DESC"}}`, b24.Order{b24.Asc("z"), b24.Desc("y")}, nil},
		{"{\"entityTypeId\":2,\"order\":{\"\xff\":\"ASC\",\"b\":\"DESC\"}}", b24.Order{b24.Asc("\ufffd"), b24.Desc("b")}, nil},
		{`entityTypeId=2&order[%FF]=ASC&order[b]=DESC`, b24.Order{b24.Asc("\ufffd"), b24.Desc("b")}, nil},
		{"multipart:entityTypeId=2&order[z]=ASC&order[y]=DESC", b24.Order{b24.Asc("z"), b24.Desc("y")}, nil},
	} {
		seen = fixture.ItemListRequest{}
		resp, err := post(srv.URL+"/rest/1/tok/fixture.item.list", tc.body)
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", tc.body, resp.StatusCode, answer)
		}
		got, _ := json.Marshal(seen.Order)
		want, _ := json.Marshal(tc.order)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the implementation got order %s, want %s", tc.body, got, want)
		}
		if tc.id != nil && seen.Filter[">id"] != tc.id {
			t.Errorf("%s: the implementation got filter %#v", tc.body, seen.Filter)
		}
	}

	// the query string's order and the body's in another case: the
	// decoded one's keys, in its order
	seen = fixture.ItemListRequest{}
	resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.item.list?order[c]=ASC&order[b]=DESC", "application/json", strings.NewReader(`{"entityTypeId":2,"ORDER":{"z":"ASC","y":"DESC"}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, _ := json.Marshal(seen.Order); string(got) != `{"c":"ASC","b":"DESC"}` && string(got) != `{"z":"ASC","y":"DESC"}` {
		t.Errorf("order in the query and ORDER in the body: the implementation got %s", got)
	}

	// a command of a batch is a query string of its own
	resp, err = post(srv.URL+"/rest/1/tok/batch", `{"cmd":{"a":"fixture.item.list?entityTypeId=2&order[title]=ASC&order[id]=DESC"}}`)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got, _ := json.Marshal(seen.Order); string(got) != `{"title":"ASC","id":"DESC"}` {
		t.Errorf("a batch command's implementation got order %s", got)
	}
}

// post sends body to url: as a query string when it starts with "?", as a
// multipart form after "multipart:", as a form when it is not JSON.
func post(url, body string) (*http.Response, error) {
	switch {
	case strings.HasPrefix(body, "multipart:"):
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		for pair := range strings.SplitSeq(strings.TrimPrefix(body, "multipart:"), "&") {
			k, v, _ := strings.Cut(pair, "=")
			w.WriteField(k, v)
		}
		w.Close()
		return http.Post(url, w.FormDataContentType(), &b)
	case strings.HasPrefix(body, "?"):
		return http.Post(url+body, "", nil)
	case strings.HasPrefix(body, "{"):
		return http.Post(url, "application/json", strings.NewReader(body))
	}
	return http.Post(url, "application/x-www-form-urlencoded", strings.NewReader(body))
}
