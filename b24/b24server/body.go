package b24server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/jsonscan"
	"github.com/b24gen/b24gen/b24/internal/params"
)

// bodyKind is how a request body encodes its parameters.
type bodyKind int

const (
	jsonBody bodyKind = iota // also a body with no content type
	formBody
	multipartBody
)

// requestBody is a request's body as read, not yet decoded. A multipart
// body is split into its parts as it is read: they are held in memory,
// within the body limit, and never written to disk.
type requestBody struct {
	kind bodyKind
	raw  []byte
	// keys and values are a multipart body's parts in order; a file part
	// is [name, base64 content], the shape in which b24.File sends files.
	keys, values []string
}

// readBody reads the body of r, at most the Mux's limit: a body declared
// larger is refused before it is read, one that turns out larger as soon
// as the limit is passed.
func (m *Mux) readBody(w http.ResponseWriter, r *http.Request) (requestBody, error) {
	var b requestBody
	if r.Body == nil || r.Method == http.MethodGet {
		return b, nil
	}
	size := int64(512)
	if r.ContentLength > 0 {
		size = r.ContentLength + 1 // +1: the read that sees the end
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, m.maxBody)); err != nil {
		return b, bodyError(err)
	}
	b.raw = buf.Bytes()
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		b.kind = formBody
	case "multipart/form-data":
		b.kind = multipartBody
		var err error
		if b.keys, b.values, err = splitMultipart(b.raw, ctParams["boundary"]); err != nil {
			return b, err
		}
	}
	return b, nil
}

// splitMultipart reads the parts of a multipart body held in memory.
func splitMultipart(raw []byte, boundary string) (keys, values []string, err error) {
	if boundary == "" {
		return nil, nil, badRequest("multipart body without a boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	for {
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return keys, values, nil
		}
		if err != nil {
			return nil, nil, badRequest("the multipart body is malformed")
		}
		if len(keys) >= params.MaxVars {
			return nil, nil, paramsError(params.ErrTooLarge)
		}
		name := part.FormName()
		content, err := io.ReadAll(part)
		if err != nil {
			return nil, nil, badRequest("the multipart body is malformed")
		}
		if name == "" {
			continue // not a form field (RFC 7578 requires a name)
		}
		if file := part.FileName(); file != "" {
			keys = append(keys, name+"[0]", name+"[1]")
			values = append(values, file, base64.StdEncoding.EncodeToString(content))
			continue
		}
		keys, values = append(keys, name), append(values, string(content))
	}
}

// token finds the "auth" parameter of the body without decoding the rest;
// of several, the last, as decoding would keep.
func (b requestBody) token() (string, bool) {
	switch b.kind {
	case formBody:
		return formToken(string(b.raw))
	case multipartBody:
		tok, found := "", false
		for i, k := range b.keys {
			if k == "auth" {
				tok, found = b.values[i], true
			}
		}
		return tok, found
	}
	tok, found := "", false
	jsonscan.Members(b.raw, func(key, value []byte, escaped bool) bool {
		if string(key) == `"auth"` || escaped {
			var k string
			if json.Unmarshal(key, &k) != nil || k != "auth" {
				return true
			}
			var s string
			if json.Unmarshal(value, &s) == nil {
				tok, found = s, true
			} else {
				tok, found = "", true
			}
		}
		return true
	})
	return tok, found
}

// formToken finds "auth" in a query string or form without decoding the
// rest; of several, the last, as PHP keeps.
func formToken(q string) (string, bool) {
	tok, found := "", false
	for part := range strings.SplitSeq(q, "&") {
		k, v, _ := strings.Cut(part, "=")
		if k != "auth" {
			if !strings.Contains(k, "%") || len(k) > 3*len("auth") {
				continue
			}
			if uk, err := url.QueryUnescape(k); err != nil || uk != "auth" {
				continue
			}
		}
		if uv, err := url.QueryUnescape(v); err == nil {
			tok, found = uv, true
		}
	}
	return tok, found
}

// decodeParams merges the query string and the body into one parameter
// tree, body parameters winning, each decoded within budget.
func decodeParams(query string, body requestBody, budget *params.Budget) (map[string]any, error) {
	out, err := params.DecodeQuery(query, budget)
	if err != nil {
		return nil, paramsError(fmt.Errorf("query string: %w", err))
	}
	var fromBody map[string]any
	switch body.kind {
	case multipartBody:
		fromBody, err = params.DecodeValues(body.keys, body.values, budget)
	case formBody:
		fromBody, err = params.DecodeQuery(string(body.raw), budget)
	default:
		if len(bytes.TrimSpace(body.raw)) > 0 {
			fromBody, err = params.DecodeJSONObject(body.raw, budget)
		}
	}
	if err != nil {
		return nil, paramsError(err)
	}
	for k, v := range fromBody {
		out[k] = v
	}
	return out, nil
}

// paramsError answers a body that cannot be decoded: 413 when its tree
// would take more memory than its size allows, else 400.
func paramsError(err error) error {
	desc := strings.ReplaceAll(err.Error(), "b24: ", "")
	if errors.Is(err, params.ErrTooComplex) {
		return &b24.APIError{Code: string(b24.ErrInvalidRequest), Description: fmt.Sprintf("the parameters would take more than %d times their size in memory", params.Amplification), Status: http.StatusRequestEntityTooLarge}
	}
	return badRequest(desc)
}

func tooLarge(limit int64) error {
	return &b24.APIError{Code: string(b24.ErrInvalidRequest), Description: fmt.Sprintf("request body larger than %d bytes", limit), Status: http.StatusRequestEntityTooLarge}
}

func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(mbe.Limit)
	}
	return badRequest("the body could not be read to its end")
}
