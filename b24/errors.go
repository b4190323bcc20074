package b24

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/protocol"
)

// ErrorCode is an error code of the Bitrix24 REST API: the value of the
// "error" key of an error answer. Generated packages declare one constant per
// documented code; match them with errors.Is, which compares codes without
// regard to case, as the portal does:
//
//	if errors.Is(err, biconnector.ErrSourceNotFound) { … }
type ErrorCode string

// Error implements error, so that a code can be the target of errors.Is and
// can be returned by a server implementation.
func (c ErrorCode) Error() string { return "bitrix24: " + string(c) }

// Status returns the HTTP status the system error table documents for the
// code, or 0 for a code that is not a system error.
func (c ErrorCode) Status() int {
	for _, e := range systemErrors {
		if ascii.EqualFold(string(e.Code), string(c)) {
			return e.Status
		}
	}
	return 0
}

// knownError returns what the system error table, or the portal's
// answers outside it, say of a code.
func knownError(code string) (SystemError, bool) {
	for _, table := range [][]SystemError{systemErrors, portalErrors} {
		for _, e := range table {
			if ascii.EqualFold(string(e.Code), code) {
				return e, true
			}
		}
	}
	return SystemError{}, false
}

// APIError is an error answer of the portal, or of a generated server.
type APIError struct {
	// Code is the "error" value. Portals send it as a string and
	// occasionally as a number; a number is kept in its decimal form.
	Code string
	// Description is "error_description".
	Description string
	// Status is the HTTP status of the answer.
	Status int
	// Method is the REST method that was called.
	Method string
	// RequestID identifies the call (the X-Request-ID sent, if any).
	RequestID string
	// Body is the raw answer, kept when it was not a well-formed error
	// envelope, so that an unexpected answer can still be inspected.
	Body []byte
}

// Error implements error. It never includes the request URL, which carries
// the webhook token.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("bitrix24: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteString(": ")
	}
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		b.WriteString("unexpected answer")
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, " (HTTP %d)", e.Status)
	}
	return b.String()
}

// Is matches an ErrorCode or another *APIError by code, ignoring case,
// and an ErrorMessage by message.
func (e *APIError) Is(target error) bool {
	switch t := target.(type) {
	case ErrorCode:
		return strings.EqualFold(e.Code, string(t))
	case ErrorMessage:
		return t.matches(e.Description)
	case *APIError:
		return t.Code != "" && strings.EqualFold(e.Code, t.Code)
	}
	return false
}

// ErrorMessage is an error the documentation gives without a code: the
// portal answers it with an empty "error" and the message in
// "error_description" ({"error":"","error_description":"Not found"}).
// Generated packages declare one constant per such message; errors.Is
// matches an *APIError whose description is the message, whatever its
// code, comparing the words only: case, punctuation, quotes and spacing
// aside, so that "ID is not defined or invalid" matches the portal's
// "ID is not defined or invalid.".
//
//	if errors.Is(err, crm.ErrIDIsNotDefinedOrInvalid) { … }
//
// A server implementation may return one: the answer is the error without
// a code, with the status the method documents for the message.
type ErrorMessage string

// Error implements error, so that a message can be the target of
// errors.Is and can be returned by a server implementation.
func (m ErrorMessage) Error() string { return "bitrix24: " + string(m) }

// matches reports whether a description is the message.
func (m ErrorMessage) matches(description string) bool {
	key := protocol.MessageKey(string(m))
	return key != "" && key == protocol.MessageKey(description)
}

// MessageInfo returns what the method documents for the error without a
// code that has this message, compared as ErrorMessage compares it.
func (m *Method) MessageInfo(message string) (ErrorInfo, bool) {
	if m == nil {
		return ErrorInfo{}, false
	}
	for _, e := range m.Errors {
		if e.Code == "" && ErrorMessage(e.Message).matches(message) {
			return e, true
		}
	}
	return ErrorInfo{}, false
}

// Codes of the system errors: errors any method can return, with the HTTP
// status the documentation gives for each.
const (
	ErrInternalServerError    ErrorCode = "INTERNAL_SERVER_ERROR"
	ErrUnexpectedAnswer       ErrorCode = "ERROR_UNEXPECTED_ANSWER"
	ErrQueryLimitExceeded     ErrorCode = "QUERY_LIMIT_EXCEEDED"
	ErrOperationTimeLimit     ErrorCode = "OPERATION_TIME_LIMIT"
	ErrBatchMethodNotAllowed  ErrorCode = "ERROR_BATCH_METHOD_NOT_ALLOWED"
	ErrBatchLengthExceeded    ErrorCode = "ERROR_BATCH_LENGTH_EXCEEDED"
	ErrNoAuthFound            ErrorCode = "NO_AUTH_FOUND"
	ErrInvalidRequest         ErrorCode = "INVALID_REQUEST"
	ErrOverloadLimit          ErrorCode = "OVERLOAD_LIMIT"
	ErrAccessDenied           ErrorCode = "ACCESS_DENIED"
	ErrInvalidCredentials     ErrorCode = "INVALID_CREDENTIALS"
	ErrManifestIsNotAvailable ErrorCode = "ERROR_MANIFEST_IS_NOT_AVAILABLE"
	ErrInsufficientScope      ErrorCode = "insufficient_scope"
	ErrExpiredToken           ErrorCode = "expired_token"
	ErrUserAccessError        ErrorCode = "user_access_error"
	ErrPortalDeleted          ErrorCode = "PORTAL_DELETED"
)

// Codes the portal sends outside the system error table.
const (
	// ErrMethodNotFound answers a call of a method the portal does not have.
	ErrMethodNotFound ErrorCode = "ERROR_METHOD_NOT_FOUND"
	// ErrInvalidToken answers an access token the portal does not know.
	ErrInvalidToken ErrorCode = "invalid_token"
	// ErrInvalidGrant answers a refresh token that can no longer be used.
	ErrInvalidGrant ErrorCode = "invalid_grant"
	// ErrWrongAuthType answers a call made with the wrong kind of credentials.
	ErrWrongAuthType ErrorCode = "WRONG_AUTH_TYPE"
	// ErrInvalidArgument is the generic code a generated server answers for a
	// parameter that fails validation when the page documents no code for it.
	ErrInvalidArgument ErrorCode = "INVALID_ARG_VALUE"
)

// SystemError is an entry of the system error table.
type SystemError struct {
	Code ErrorCode
	// Status is the documented HTTP status.
	Status int
	// Message is the error_description the portal sends.
	Message string
	// Description says when the error happens.
	Description string
}

// systemErrors and portalErrors are protocol's tables in the runtime's
// types: the system errors, and the codes a portal answers outside them.
var (
	systemErrors = errorTable(protocol.SystemErrors())
	portalErrors = errorTable(protocol.PortalErrors())
)

func errorTable(in []protocol.SystemError) []SystemError {
	out := make([]SystemError, len(in))
	for i, e := range in {
		out[i] = SystemError{Code: ErrorCode(e.Code), Status: e.Status, Message: e.Message, Description: e.Description}
	}
	return out
}

// SystemErrors returns the documented system errors.
func SystemErrors() []SystemError { return slices.Clone(systemErrors) }

// codeString renders the raw "error" value of an envelope: a JSON string is
// unquoted, a number kept as written.
func codeString(raw []byte) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			return s
		}
	}
	return string(raw)
}
