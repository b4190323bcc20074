package b24server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// panickyError is an error whose Error panics.
type panickyError struct{}

func (panickyError) Error() string { panic("Error of an implementation's error") }

// errorServer answers fixture.note.pin with the error it holds.
type errorServer struct {
	fixture.UnimplementedServer
	err func() error
}

func (s errorServer) NotePin(context.Context, *fixture.NotePinRequest) error { return s.err() }

// TestImplementationErrorsThatPanic: an implementation returns an error
// that panics once read (a typed nil *b24.APIError, an Error method that
// panics; a black-box attack found both): a plain net/http client gets
// INTERNAL_SERVER_ERROR as the envelope, alone and for each command of a
// batch, instead of a dropped connection.
func TestImplementationErrorsThatPanic(t *testing.T) {
	for name, err := range map[string]func() error{
		"typed nil":    func() error { var e *b24.APIError; return e },
		"Error panics": func() error { return panickyError{} },
	} {
		srv := httptest.NewServer(fixture.NewHandler(errorServer{err: err}))
		for _, call := range []struct{ path, body, want string }{
			{"fixture.note.pin", `{"id":7}`, `"error":"INTERNAL_SERVER_ERROR"`},
			{"batch", `{"halt":0,"cmd":{"p":"fixture.note.pin?id=7","n":"fixture.note.pin?id=8"}}`, `"n":{"error":"INTERNAL_SERVER_ERROR"`},
		} {
			resp, err := http.Post(srv.URL+"/rest/1/tok/"+call.path, "application/json", strings.NewReader(call.body))
			if err != nil {
				t.Errorf("%s, %s: %v", name, call.path, err)
				continue
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(body), call.want) {
				t.Errorf("%s, %s: %d %s", name, call.path, resp.StatusCode, body)
			}
		}
		srv.Close()
	}
}
