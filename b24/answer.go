package b24

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/b24gen/b24gen/b24/internal/jsonscan"
)

// An answer as the portal sends it: the envelope around the result or the
// error, its reading and its decoding.

// Answer is a decoded success answer.
type Answer struct {
	// Result is the raw "result" value.
	Result json.RawMessage
	Time   Timing
	// Total and Next are sent by list methods: the number of rows in all
	// and the start of the next page (HasNext says whether there is one,
	// HasTotal whether the answer counted the rows).
	Total    int64
	Next     int64
	HasNext  bool
	HasTotal bool
	// File is the file a method that answers with one sent (Method.File),
	// instead of a result.
	File *Download
}

// envelope is the JSON shape of every answer.
type envelope struct {
	Result           json.RawMessage `json:"result"`
	Time             Timing          `json:"time"`
	Total            *Int            `json:"total"`
	Next             *Int            `json:"next"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription json.RawMessage `json:"error_description"`
}

// UnmarshalJSON reads an answer's members by their exact names, as PHP
// and other clients do: encoding/json alone also takes "RESULT" or
// "re\u017fult" for "result", so that {"result":false,"RESULT":[]} read
// as success. Of a name given twice the last counts, as in PHP. A "time"
// that does not read is left out: it is the portal's bookkeeping.
func (e *envelope) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '{' {
		var members map[string]json.RawMessage
		return json.Unmarshal(b, &members) // its error
	}
	// the members by their exact names, without a map of them all: an
	// answer is read once per call
	*e = envelope{}
	var timing, total, next []byte
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		name, ok := memberName(key, escaped)
		if !ok {
			return true
		}
		switch string(name) {
		case "result":
			e.Result = value
		case "error":
			e.Error = value
		case "error_description":
			e.ErrorDescription = value
		case "time":
			timing = value
		case "total":
			total = value
		case "next":
			next = value
		}
		return true
	})
	// the decoder may reuse b once we return
	e.Result, e.Error, e.ErrorDescription = cloneRaw(e.Result), cloneRaw(e.Error), cloneRaw(e.ErrorDescription)
	if timing != nil {
		// valid JSON, which the reading of the whole answer checked
		_ = e.Time.UnmarshalJSON(timing) // see above
	}
	var err error
	if e.Total, err = optionalInt(total, "total"); err != nil {
		return err
	}
	e.Next, err = optionalInt(next, "next")
	return err
}

// cloneRaw copies a member's value; nil stays nil (the member is absent).
func cloneRaw(v json.RawMessage) json.RawMessage {
	if v == nil {
		return nil
	}
	return bytes.Clone(v)
}

// optionalInt reads the member name of an answer, whose value is v; nil
// when it is absent (v nil) or null.
func optionalInt(v []byte, name string) (*Int, error) {
	if v == nil || string(v) == "null" {
		return nil, nil
	}
	n := new(Int)
	if err := n.UnmarshalJSON(v); err != nil {
		return nil, &memberError{name: name, err: err}
	}
	return n, nil
}

// memberError is a member of an answer's envelope of the wrong kind.
type memberError struct {
	name string
	err  error
}

func (e *memberError) Error() string { return e.name + ": " + e.err.Error() }

func (e *memberError) Unwrap() error { return e.err }

// decodeResult decodes a result, valid JSON that the envelope's reading
// checked: a generated type reads it itself, without encoding/json going
// over it again first.
func decodeResult(result json.RawMessage, out any) error {
	if u, ok := out.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(result)
	}
	return json.Unmarshal(result, out)
}

// utf8BOM is the byte order mark some PHP portals send before an answer.
var utf8BOM = []byte("\ufeff")

// readAnswer reads a response body of at most maxAnswerBytes, in one
// allocation when the length is known.
func readAnswer(resp *http.Response) ([]byte, error) {
	if resp.ContentLength > maxAnswerBytes {
		return nil, answerTooLarge{size: resp.ContentLength}
	}
	b := make([]byte, 0, max(resp.ContentLength, 511)+1)
	for {
		n, err := resp.Body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if len(b) > maxAnswerBytes {
			return nil, answerTooLarge{}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// answerTooLarge is the failure of an answer over maxAnswerBytes, of the
// size its Content-Length gives (0 when it gives none). It is no passing
// failure: the client does not ask again.
type answerTooLarge struct{ size int64 }

func (e answerTooLarge) Error() string {
	if e.size > 0 {
		return fmt.Sprintf("the answer is %d bytes, more than the %d the client reads", e.size, maxAnswerBytes)
	}
	return fmt.Sprintf("the answer is more than the %d bytes the client reads", maxAnswerBytes)
}

// decodeAnswer turns a response into an Answer or an *APIError.
func decodeAnswer(method string, status int, data []byte) (*Answer, error) {
	var env envelope
	// PHP writes a byte order mark before its output when a file it
	// includes starts with one
	if err := json.Unmarshal(bytes.TrimPrefix(data, utf8BOM), &env); err != nil {
		desc := "the answer is not a JSON object"
		var member *memberError
		if errors.As(err, &member) {
			desc = "the answer's " + member.name + " is not a number"
		}
		return nil, &APIError{Method: method, Status: status, Body: data, Description: desc}
	}
	if code, desc, ok := envelopeError(env); ok {
		return nil, &APIError{Method: method, Status: status, Code: code, Description: desc}
	}
	if status >= 400 && env.Result != nil {
		if e := resultError(method, env.Result); e != nil {
			// the error inside the result, with the answer's status
			e.Status = status
			return nil, e
		}
		return nil, &APIError{Method: method, Status: status, Body: data,
			Description: fmt.Sprintf("the portal answered HTTP %d with a result and no error", status)}
	}
	if env.Result == nil {
		return nil, &APIError{Method: method, Status: status, Body: data,
			Description: "the answer has neither a result nor an error"}
	}
	a := &Answer{Result: env.Result, Time: env.Time}
	if env.Total != nil {
		a.Total = int64(*env.Total)
	}
	if env.Total != nil {
		a.HasTotal = true
	}
	if env.Next != nil {
		a.Next, a.HasNext = int64(*env.Next), true
	}
	return a, nil
}

// resultError returns the error an answer carries in its result, as
// humanresources.hcmlink.job.update documents one with HTTP 200
// ({"result":{"error":0,"error_description":"Operation failed"}}): a
// result that is an error envelope and nothing else. nil for any other
// result, an object with an "error" member among others included.
func resultError(method string, result json.RawMessage) *APIError {
	t := bytes.TrimSpace(result)
	if len(t) == 0 || t[0] != '{' {
		return nil
	}
	only := true
	jsonscan.Members(t, func(key, _ []byte, escaped bool) bool {
		name, _ := memberName(key, escaped)
		only = string(name) == "error" || string(name) == "error_description"
		return only
	})
	var env envelope
	if !only || env.UnmarshalJSON(t) != nil {
		return nil
	}
	code, desc, ok := envelopeError(env)
	if !ok {
		return nil
	}
	return &APIError{Method: method, Status: http.StatusOK, Code: code, Description: desc}
}

// envelopeError reads the error of an answer: "error" as a string or a
// number with "error_description", or the REST 3.0 shape
// {"error":{"code":…,"message":…}}. An empty "error" with a description
// and no result is an error without a code, as the portal answers those
// the docs give by message only.
func envelopeError(env envelope) (code, desc string, ok bool) {
	raw := bytes.TrimSpace(env.Error)
	if string(raw) == `""` && len(bytes.TrimSpace(env.Result)) == 0 {
		if desc := codeString(env.ErrorDescription); desc != "" {
			return "", desc, true
		}
	}
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` || string(raw) == "false" {
		return "", "", false
	}
	if raw[0] == '{' {
		var v3 struct {
			Code    json.RawMessage `json:"code"`
			Message string          `json:"message"`
		}
		if err := json.Unmarshal(raw, &v3); err == nil {
			if v3.Message == "" {
				// {"error":{"code":"X"},"error_description":"…"}
				v3.Message = codeString(env.ErrorDescription)
			}
			return codeString(v3.Code), v3.Message, true
		}
	}
	return codeString(raw), codeString(env.ErrorDescription), true
}
