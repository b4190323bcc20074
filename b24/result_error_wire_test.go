package b24_test

import (
	"context"
	"errors"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestErrorInTheResultFromAPortal: some methods answer HTTP 200 with the
// error envelope inside "result" ({"result":{"error":0,
// "error_description":"Operation failed"}}, as
// humanresources.hcmlink.job.update documents). A plain net/http peer
// answers so: the generated client returns the API error with its code,
// which errors.Is matches, not a decoding failure; a result that merely
// has an "error" member among others is data.
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
	}
	// an object with an error member among others is a result
	c := answering(t, `{"result":{"error":"none","ID":5},`+timing+`}`)
	if err := fixture.New(c).NotePin(ctx, &fixture.NotePinRequest{ID: 1}); err != nil {
		t.Errorf("a result with an error member among others: %v", err)
	}
}
