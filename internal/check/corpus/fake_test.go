package corpus

// fakeMain serves the whole generated API on a fake portal and sends it
// every request example of the docs through the b24 client, decoding each
// answer into the method's result type. It prints one JSON line per
// example: "rejected" when the portal refused the request, "undecodable"
// when the client could not read the answer; then one line per example
// event, "event-undecodable" when its data does not decode into the
// generated type. (Test harness code, not
// generator output.)
const fakeMain = `package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"

	"example.com/b24api/api"
	"example.com/b24api/api/b24events"
)

` + docTypes + `
type outcome struct {
	File    string ` + "`json:\"file\"`" + `
	Line    int    ` + "`json:\"line\"`" + `
	Outcome string ` + "`json:\"outcome\"`" + `
	Error   string ` + "`json:\"error\"`" + `
}

func main() {
	portal := b24fake.New()
	api.RegisterFakes(portal)
	srv := httptest.NewServer(portal)
	defer srv.Close()
	rt, err := b24.NewClient(srv.URL+"/rest/1/token/", b24.WithInsecureHTTP(), b24.WithLimiter(b24.Unlimited()), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		panic(err)
	}
	byName := generatedMethods()
	out := json.NewEncoder(os.Stdout)
	ctx := context.Background()
	for _, mm := range readDoc(os.Args[1]) {
		m := byName[mm.API+"/"+strings.ToLower(mm.Name)]
		if m == nil || strings.EqualFold(m.Name, "batch") {
			continue
		}
		for _, ex := range mm.Examples {
			if ex.Template || ex.Kind != "request" {
				continue
			}
			o := outcome{File: mm.File, Line: ex.Line}
			dec := json.NewDecoder(bytes.NewReader(ex.JSON))
			dec.UseNumber()
			var params map[string]any
			if dec.Decode(&params) != nil || params == nil {
				continue
			}
			delete(params, "auth")
			var err error
			if m.File {
				_, err = rt.Download(ctx, m, params)
			} else {
				err = rt.Call(ctx, m, params, m.NewResult())
			}
			var ae *b24.APIError
			switch {
			case err == nil:
			case errors.As(err, &ae):
				o.Outcome, o.Error = "rejected", err.Error()
			default:
				o.Outcome, o.Error = "undecodable", err.Error()
			}
			out.Encode(o)
		}
	}
	// every example event, form-encoded as the portal sends it, decoded
	// into the generated data type
	for _, spec := range b24events.Events {
		if spec.Example == "" {
			continue
		}
		o := outcome{File: spec.Name, Outcome: "event"}
		form, err := b24.EncodeQuery([]byte(spec.Example))
		var params map[string]any
		if err == nil {
			params, err = b24.DecodeQuery(form)
		}
		var data []byte
		if err == nil {
			data, err = json.Marshal(params["data"])
		}
		if err == nil {
			err = json.Unmarshal(data, spec.NewData())
		}
		if err != nil {
			o.Outcome, o.Error = "event-undecodable", err.Error()
		}
		out.Encode(o)
	}
}
`
