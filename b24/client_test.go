package b24

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var testMethod = &Method{Name: "test.thing.get"}

func TestNewClientValidatesEndpoints(t *testing.T) {
	good := []struct {
		url  string
		opts []Option
	}{
		{"https://p.bitrix24.com/rest/1/abc/", nil},
		{"https://p.bitrix24.com/rest/12/abc", nil},
		{"https://p.bitrix24.com/rest/", []Option{WithOAuthToken("t")}},
		{"https://p.bitrix24.com", []Option{WithOAuthToken("t")}},
		{"http://127.0.0.1:8080/rest/1/abc/", []Option{WithInsecureHTTP()}},
	}
	for _, g := range good {
		if _, err := NewClient(g.url, g.opts...); err != nil {
			t.Errorf("%s: %v", g.url, err)
		}
	}
	bad := []struct {
		url  string
		opts []Option
	}{
		{"http://p.bitrix24.com/rest/1/abc/", nil},
		{"https://p.bitrix24.com/rest/x/abc/", nil},
		{"https://p.bitrix24.com/rest/1/", nil},
		{"https://p.bitrix24.com/rest/1/abc/?x=1", nil},
		{"https://user:pw@p.bitrix24.com/rest/1/abc/", nil},
		{"https://p.bitrix24.com/rest/1/abc/", []Option{WithOAuthToken("")}},
		{"ftp://p/rest/1/abc/", nil},
		{"::", nil},
	}
	for _, b := range bad {
		c, err := NewClient(b.url, b.opts...)
		if err == nil {
			t.Errorf("%s: accepted", b.url)
			continue
		}
		if strings.Contains(err.Error(), "abc") {
			t.Errorf("%s: the error quotes the token: %v", b.url, err)
		}
		_ = c
	}
	c, _ := NewClient("https://p.bitrix24.com/rest/1/secret/")
	if strings.Contains(c.String(), "secret") {
		t.Errorf("String leaks the token: %s", c)
	}
}

func serve(t *testing.T, status int, body string, check func(*http.Request, []byte)) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if check != nil {
			check(r, b)
		}
		if status >= 300 && status < 400 {
			w.Header().Set("Location", "https://elsewhere.example/rest/1/secret/test.thing.get")
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL+"/rest/1/secret/", WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAnswers(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		code   string
		result string
	}{
		{"success", 200, `{"result":{"a":1},"time":{"start":1}}`, "", `{"a":1}`},
		{"string code", 400, `{"error":"NOT_FOUND","error_description":"Not found"}`, "NOT_FOUND", ""},
		{"numeric code", 200, `{"error":100,"error_description":"Bad"}`, "100", ""},
		{"numeric zero code", 400, `{"error":0,"error_description":"Zero"}`, "0", ""},
		{"REST 3.0 error", 400, `{"error":{"code":"VALIDATION","message":"field x","validation":[{"field":"x"}]}}`, "VALIDATION", ""},
		{"not JSON", 502, `<html>Bad gateway</html>`, "", ""},
		{"neither result nor error", 200, `{"foo":1}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := serve(t, tt.status, tt.body, nil)
			var out json.RawMessage
			err := c.Call(context.Background(), testMethod, nil, &out)
			if tt.result != "" {
				if err != nil || string(out) != tt.result {
					t.Fatalf("%s, %v", out, err)
				}
				return
			}
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("want an APIError, got %v", err)
			}
			if ae.Code != tt.code || ae.Status != tt.status || ae.Method != testMethod.Name {
				t.Fatalf("%+v", ae)
			}
			if tt.code == "" && string(ae.Body) != tt.body {
				t.Fatalf("the raw body should be kept: %q", ae.Body)
			}
		})
	}
}

func TestRedirectIsSurfaced(t *testing.T) {
	c := serve(t, 302, ``, nil)
	err := c.Call(context.Background(), testMethod, nil, nil)
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 302 || !strings.Contains(ae.Description, "https://elsewhere.example") {
		t.Fatalf("%v", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Fatalf("leaks the token: %v", err)
	}
}

func TestOAuthTokenInBody(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rest/test.thing.get" {
			t.Errorf("path %s", r.URL.Path)
		}
		json.NewDecoder(r.Body).Decode(&got)
		io.WriteString(w, `{"result":true,"time":{}}`)
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL+"/rest/", WithOAuthToken("tok\"en"), WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	for _, params := range []any{nil, map[string]any{}, map[string]any{"id": 4}} {
		if err := c.Call(context.Background(), testMethod, params, nil); err != nil {
			t.Fatal(err)
		}
		if got["auth"] != "tok\"en" {
			t.Fatalf("params %v: body %v", params, got)
		}
	}
	if err := c.Call(context.Background(), testMethod, []int{1}, nil); err == nil {
		t.Fatal("parameters that are not an object must be refused")
	}
}

func TestErrorCodeMatching(t *testing.T) {
	err := error(&APIError{Code: "expired_token", Status: 401})
	if !errors.Is(err, ErrExpiredToken) || !errors.Is(err, ErrorCode("EXPIRED_TOKEN")) || errors.Is(err, ErrNoAuthFound) {
		t.Fatal("codes match without regard to case, and only their own code")
	}
	if ErrQueryLimitExceeded.Status() != 503 || ErrOverloadLimit.Status() != 503 || ErrOperationTimeLimit.Status() != 429 || ErrorCode("X").Status() != 0 {
		t.Fatal("system statuses")
	}
	if len(SystemErrors()) != 16 {
		t.Fatalf("%d system errors", len(SystemErrors()))
	}
}
