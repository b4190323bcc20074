package b24

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/b24gen/b24gen/b24/internal/filename"
)

// Download is a file a method answers with instead of a JSON envelope
// (catalog.product.download, vote.AttachedVote.download): its bytes, the
// media type the portal gave them and the file name of its
// Content-Disposition header.
type Download struct {
	// Name is the file's name, "" when the portal gave none or one that
	// is not safe as a file's name anywhere (control characters, a drive
	// or stream colon, a Windows device name, "..", characters Windows
	// refuses). It is a base name: any directory part the header held is
	// left out.
	Name        string
	ContentType string
	Content     []byte
}

// Download calls a method that answers with a file (Method.File) and
// returns the file, waiting, retrying and renewing tokens as Do does. An
// error answer is an *APIError as for any method; a JSON answer with a
// result is one too (ERROR_UNEXPECTED_ANSWER), for the method answers a
// file.
func (c *Client) Download(ctx context.Context, m *Method, params any, opts ...CallOption) (*Download, error) {
	a, err := c.Do(ctx, m, params, opts...)
	if err != nil {
		return nil, err
	}
	if a.File == nil {
		return nil, unexpectedAnswer(m, "the portal answered with a JSON result where the method answers with a file")
	}
	return a.File, nil
}

// fileAnswer reads a successful answer of a method that answers with a
// file. An answer that says it is an attachment (Content-Disposition) is
// the file, whatever it holds. Otherwise an error envelope is the error it
// is, whatever its media type (PHP sends text/html unless told, and a
// byte order mark before the JSON), and a JSON answer with a result is
// read as such (Download then says a file was expected); anything else is
// the file.
func fileAnswer(method string, resp *http.Response, data []byte) (*Answer, error) {
	ctype := resp.Header.Get("Content-Type")
	disposition := resp.Header.Get("Content-Disposition")
	if kind, _, _ := mime.ParseMediaType(disposition); kind != "attachment" {
		if text := bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM)); len(text) > 0 && text[0] == '{' {
			var env envelope
			if json.Unmarshal(text, &env) == nil {
				if _, _, isError := envelopeError(env); isError || (env.Result != nil && isJSONMedia(ctype)) {
					return decodeAnswer(method, resp.StatusCode, data)
				}
			}
		}
	}
	return &Answer{File: &Download{Name: attachmentName(disposition), ContentType: ctype, Content: data}}, nil
}

// isJSONMedia says whether a Content-Type names JSON.
func isJSONMedia(ctype string) bool {
	media, _, err := mime.ParseMediaType(ctype)
	return err == nil && (media == "application/json" || media == "text/json" || strings.HasSuffix(media, "+json"))
}

// attachmentName is the base name of the file a Content-Disposition
// header names (filename*, decoded, before filename), "" when it names
// none, cannot be read, or names one no file can safely be given
// (filename.Base).
func attachmentName(disposition string) string {
	_, params, err := mime.ParseMediaType(disposition)
	if err != nil {
		return ""
	}
	return filename.Base(params["filename"])
}

// String describes the file without its content, which may be large.
func (d *Download) String() string {
	if d == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q (%s, %d bytes)", d.Name, d.ContentType, len(d.Content))
}

// GoString is String for %#v, which would print every byte of the content.
func (d *Download) GoString() string { return "&b24.Download{" + d.String() + "}" }
