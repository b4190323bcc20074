package b24server

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

// deal documents errors without a code, as crm.deal.delete does: a
// message for a missing or wrong id, and one for a deal that is not there.
var deal = &b24.Method{
	Name:   "test.deal.delete",
	Params: []b24.Param{{Name: "id", Type: b24.TypeInteger, Required: true}},
	Errors: []b24.ErrorInfo{
		{Status: 400, Message: "ID is not defined or invalid", Checks: []b24.ParamCheck{{Param: "id", Missing: true, Invalid: true}}},
		{Status: 404, Message: "Not found"},
	},
}

type dealReq struct {
	ID b24.Int `json:"id"`
}

// TestEmptyCodeErrorsAnswered checks that errors without a code are
// answered as the docs show them: an empty "error" and the message, with
// the status the method documents for it, whether the implementation
// returns the message, an *b24.APIError without a code, or a check fails;
// and that the generated client's errors.Is matches the answer.
func TestEmptyCodeErrorsAnswered(t *testing.T) {
	m := NewMux()
	Handle(m, deal, func(_ context.Context, r *dealReq) (any, error) {
		switch r.ID {
		case 1:
			return nil, b24.ErrorMessage("Not found")
		case 2:
			return nil, &b24.APIError{Description: "Deal is being deleted", Status: 409}
		}
		return true, nil
	})
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	url := srv.URL + "/rest/1/tok/test.deal.delete"
	for _, tc := range []struct {
		body   string
		status int
		desc   string
	}{
		{`{"id":1}`, 404, "Not found"},
		{`{"id":2}`, 409, "Deal is being deleted"},
		{`{}`, 400, "ID is not defined or invalid"},
		{`{"id":"x"}`, 400, "ID is not defined or invalid"},
	} {
		status, body := post(t, url, tc.body)
		if status != tc.status || body["error"] != "" || body["error_description"] != tc.desc {
			t.Errorf("%s: %d %v, want %d with an empty code and %q", tc.body, status, body, tc.status, tc.desc)
		}
	}
	c, err := b24.NewClient(srv.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	err = c.Call(context.Background(), deal, map[string]any{"id": 1}, nil)
	if !errors.Is(err, b24.ErrorMessage("Not found")) || errors.Is(err, b24.ErrInternalServerError) {
		t.Errorf("the client reads %v", err)
	}
	// an error with neither a code nor a message is still a failure
	Handle(m, &b24.Method{Name: "test.deal.fail"}, func(context.Context, *dealReq) (any, error) {
		return nil, &b24.APIError{}
	})
	status, body := post(t, srv.URL+"/rest/1/tok/test.deal.fail", `{}`)
	if status != 500 || body["error"] != string(b24.ErrInternalServerError) {
		t.Errorf("an empty error: %d %v", status, body)
	}
}
