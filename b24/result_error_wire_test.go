package b24_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestErrorInTheResultFromAPortal: some methods answer HTTP 200 with the
// error envelope inside "result" ({"result":{"error":0,
// "error_description":"Operation failed"}}, as
// humanresources.hcmlink.job.update documents). A plain net/http peer
// answers so: the generated client returns the API error with its code,
// which errors.Is matches, whatever the method's result type (a
// boolean, an object, a list, none), not a decoding failure nor zero
// values; a result that merely has an "error" member among others is
// data.
func TestErrorInTheResultFromAPortal(t *testing.T) {
	const timing = `"time":{"start":1,"finish":1,"duration":0}`
	ctx := context.Background()
	for _, tc := range []struct {
		name, result string
		code         string
	}{
		{"a documented code", `{"error":"FIXTURE_LOCKED","error_description":"The record is locked"}`, "FIXTURE_LOCKED"},
		{"a number", `{"error":0,"error_description":"Operation failed"}`, "0"},
		{"no description", `{"error":"NOT_FOUND"}`, "NOT_FOUND"},
	} {
		c := answering(t, `{"result":`+tc.result+`,`+timing+`}`)
		_, err := fixture.New(c).NoteDelete(ctx, &fixture.NoteDeleteRequest{ID: 1})
		var apiErr *b24.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != tc.code {
			t.Errorf("%s (a call with a result): %v, want the API error %s", tc.name, err, tc.code)
		}
		if tc.code == "FIXTURE_LOCKED" && !errors.Is(err, fixture.ErrFixtureLocked) {
			t.Errorf("%s: errors.Is(%v, ErrFixtureLocked) is false", tc.name, err)
		}
		err = fixture.New(c).NotePin(ctx, &fixture.NotePinRequest{ID: 1})
		if !errors.As(err, &apiErr) || apiErr.Code != tc.code {
			t.Errorf("%s (a call answering nothing): %v, want the API error %s", tc.name, err, tc.code)
		}
		// a result type that would read the envelope as data: an object
		// of the record, a list of rows
		if got, err := fixture.New(c).NestedGet(ctx, &fixture.NestedGetRequest{ID: b24.Some[b24.Int](1)}); !errors.As(err, &apiErr) || apiErr.Code != tc.code {
			t.Errorf("%s (an object result): %+v, %v; want the API error %s", tc.name, got, err, tc.code)
		}
		if got, err := fixture.New(c).ItemList(ctx, &fixture.ItemListRequest{}); !errors.As(err, &apiErr) || apiErr.Code != tc.code {
			t.Errorf("%s (a list result): %+v, %v; want the API error %s", tc.name, got, err, tc.code)
		}
		// and a batch command's result
		cb := answering(t, `{"result":{"result":{"get":`+tc.result+`},"result_error":[],"result_total":[],"result_next":[],"result_time":[]},`+timing+`}`)
		var b b24.Batch
		call := fixture.BatchNestedGet(&b, "get", &fixture.NestedGetRequest{ID: b24.Some[b24.Int](1)})
		if err := cb.RunBatch(ctx, &b); err != nil {
			t.Fatalf("%s: batch: %v", tc.name, err)
		}
		if got, err := call.Result(); !errors.As(err, &apiErr) || apiErr.Code != tc.code {
			t.Errorf("%s (a batch command): %+v, %v; want the API error %s", tc.name, got, err, tc.code)
		}
	}
	// HTTP 403 with the error inside the result, as the same page lists
	c403 := answeringStatus(t, 403, `{"result":{"error":0,"error_description":"Operation failed"}}`)
	var apiErr *b24.APIError
	if _, err := fixture.New(c403).NoteDelete(ctx, &fixture.NoteDeleteRequest{ID: 1}); !errors.As(err, &apiErr) || apiErr.Code != "0" || apiErr.Status != 403 {
		t.Errorf("HTTP 403: %v, want the API error 0 with status 403", err)
	}
	// the REST 3.0 shape of an error, its description beside it
	c3 := answeringStatus(t, 400, `{"error":{"code":"X"},"error_description":"what happened"}`)
	if _, err := fixture.New(c3).NoteDelete(ctx, &fixture.NoteDeleteRequest{ID: 1}); !errors.As(err, &apiErr) || apiErr.Code != "X" || apiErr.Description != "what happened" {
		t.Errorf("a code object with a description beside it: %#v", err)
	}
	// an object with an error member among others is a result
	c := answering(t, `{"result":{"error":"none","ID":5},`+timing+`}`)
	if err := fixture.New(c).NotePin(ctx, &fixture.NotePinRequest{ID: 1}); err != nil {
		t.Errorf("a result with an error member among others: %v", err)
	}
}

// answeringStatus returns a client of a plain net/http peer that answers
// every call with status and body.
func answeringStatus(t *testing.T, status int, body string) *b24.Client {
	t.Helper()
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(portal.Close)
	c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
