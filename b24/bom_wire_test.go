package b24_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

// TestAnswerAfterByteOrderMark: a PHP portal whose included file starts
// with a byte order mark sends it before the JSON; a plain net/http peer
// does so, and the answer and an error still read.
func TestAnswerAfterByteOrderMark(t *testing.T) {
	for body, want := range map[string]string{
		"\ufeff" + `{"result":{"ok":1},"time":{"start":1}}`:             "",
		"\ufeff" + `{"error":"ACCESS_DENIED","error_description":"no"}`: string(b24.ErrAccessDenied),
	} {
		portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, body)
		}))
		c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
		if err != nil {
			t.Fatal(err)
		}
		var out struct{ OK int }
		err = c.Call(context.Background(), &b24.Method{Name: "demo.get"}, nil, &out)
		portal.Close()
		if want == "" && (err != nil || out.OK != 1) {
			t.Errorf("%q: %v, %+v", body, err, out)
		}
		if ae, ok := err.(*b24.APIError); want != "" && (!ok || ae.Code != want) {
			t.Errorf("%q: %v", body, err)
		}
	}
}
