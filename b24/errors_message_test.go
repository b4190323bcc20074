package b24

import (
	"context"
	"errors"
	"testing"
)

// A documented error without a code: the generated packages declare it
// as an ErrorMessage, which matches the portal's answer by its message.
const errNotDefined ErrorMessage = "ID is not defined or invalid"

// TestEmptyCodeErrorFromTheWire serves the envelopes a portal answers an
// error without a code with, from a plain HTTP server, and checks that the
// client reads them as errors with an empty code and their message, and
// that errors.Is matches them by message (case, final period and Markdown
// quotes aside), and by nothing else.
func TestEmptyCodeErrorFromTheWire(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		status     int
	}{
		{"classic", `{"error":"","error_description":"ID is not defined or invalid."}`, 400},
		{"classic, success status", `{"error":"","error_description":"id is NOT defined or invalid"}`, 200},
		{"REST 3.0", `{"error":{"code":"","message":"ID is not defined or invalid."}}`, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := serve(t, tc.status, tc.body, nil)
			err := c.Call(context.Background(), testMethod, nil, nil)
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("want an APIError, got %v", err)
			}
			if ae.Code != "" || ae.Description == "" || ae.Body != nil {
				t.Errorf("read as %+v", ae)
			}
			if !errors.Is(err, errNotDefined) || !errors.Is(err, ErrorMessage("`ID is not defined or invalid`")) {
				t.Errorf("%v does not match %q", err, errNotDefined)
			}
			if errors.Is(err, ErrorMessage("Not found")) || errors.Is(err, ErrAccessDenied) || errors.Is(err, ErrorMessage("")) {
				t.Errorf("%v matches what it is not", err)
			}
		})
	}
}

// TestEmptyCodeErrorInBatch checks a command of a batch that failed with
// an error without a code.
func TestEmptyCodeErrorInBatch(t *testing.T) {
	c := serve(t, 200, `{"result":{"result":{"b":1},"result_error":{"a":{"error":"","error_description":"ID is not defined or invalid."}}}}`, nil)
	b := &Batch{}
	a := AddCall[any](b, "a", testMethod, nil)
	AddCall[any](b, "b", testMethod, nil)
	err := c.RunBatch(context.Background(), b)
	if !errors.Is(err, errNotDefined) {
		t.Errorf("the batch error %v does not match %q", err, errNotDefined)
	}
	if _, err := a.Result(); !errors.Is(err, errNotDefined) {
		t.Errorf("the command's error %v does not match %q", err, errNotDefined)
	}
}

// TestErrorMessageMatching checks matching by message without the wire:
// an ErrorMessage matches any error answer with its message, whatever its
// code; an answer without a message matches none.
func TestErrorMessageMatching(t *testing.T) {
	if !errors.Is(&APIError{Code: "ACCESS_DENIED", Description: "Access denied."}, ErrorMessage("Access denied")) {
		t.Error("a message matches whatever the code")
	}
	if errors.Is(&APIError{Description: "Access denied for deal 5"}, ErrorMessage("Access denied")) {
		t.Error("a message matches only the whole message")
	}
	if errors.Is(&APIError{}, ErrorMessage("")) {
		t.Error("an empty message matches nothing")
	}
	if got := errNotDefined.Error(); got != "bitrix24: ID is not defined or invalid" {
		t.Errorf("Error() = %q", got)
	}
	m := &Method{Name: "x", Errors: []ErrorInfo{{Code: "NOT_FOUND", Status: 404}, {Status: 400, Message: "ID is not defined or invalid."}}}
	if e, ok := m.MessageInfo("`id is not defined or invalid`"); !ok || e.Status != 400 {
		t.Errorf("MessageInfo: %+v, %v", e, ok)
	}
	if _, ok := m.MessageInfo("Not found"); ok {
		t.Error("MessageInfo found a message the method does not document")
	}
}
