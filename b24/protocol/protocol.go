// Package protocol holds facts of the Bitrix24 REST protocol that both the
// documentation reader and the runtime need: the base types, the system
// errors every method may answer, the API versions and the members of the
// answer envelope, and how portals write scalars. It imports nothing but
// the standard library, and none of its network packages, so that reading
// Markdown does not link an HTTP client.
package protocol

import "slices"

// Type is a base type of the documentation (data-types.md): the closed
// set every documented type resolves to. Domain types the runtime does not
// know are carried as their documented name and are not checked.
type Type string

// The base types.
const (
	String   Type = "string"
	Text     Type = "text"
	Integer  Type = "integer"
	Double   Type = "double"
	Decimal  Type = "decimal"
	Boolean  Type = "boolean"
	Char     Type = "char"
	Date     Type = "date"
	DateTime Type = "datetime"
	// Time is the "time" member of every answer: when the call started
	// and finished, and the operating time it used.
	Time   Type = "time"
	Object Type = "object"
	Array  Type = "array"
	File   Type = "file"
	Any    Type = "any"
)

// Types are the base types, in the order of data-types.md.
var Types = []Type{String, Text, Integer, Double, Decimal, Boolean, Char, Date, DateTime, Time, Object, Array, File, Any}

// IsBase reports whether t is one of Types.
func (t Type) IsBase() bool { return slices.Contains(Types, t) }

// The APIs a method may belong to.
const (
	// APIClassic is the REST API under /rest/.
	APIClassic = ""
	// APIv3 is REST 3.0, under /rest/api/, which answers errors in its own
	// shape ({"error":{"code","message"}}).
	APIv3 = "v3"
)

// The members of the answer envelope.
const (
	Result           = "result"
	TimeMember       = "time"
	Total            = "total"
	Next             = "next"
	Error            = "error"
	ErrorDescription = "error_description"
)

// IsEnvelope reports whether name is a member the envelope carries beside
// the result (time, total, next), which a page's table of returned fields
// sometimes lists as if it were part of the result.
func IsEnvelope(name string) bool { return name == TimeMember || name == Total || name == Next }

// SystemError is an error any method may answer.
type SystemError struct {
	Code string
	// Status is the documented HTTP status.
	Status int
	// Message is the error_description the portal sends.
	Message string
	// Description says when the error happens.
	Description string
}

// systemErrors are the documented system errors (_includes/system-errors.md),
// in the documentation's order: facts every generated client and server
// needs, whether or not the documentation tree is at hand.
var systemErrors = []SystemError{
	{"INTERNAL_SERVER_ERROR", 500, "Internal server error", "The portal failed to process the call."},
	{"ERROR_UNEXPECTED_ANSWER", 500, "Server returned an unexpected response", "The portal failed to process the call."},
	{"QUERY_LIMIT_EXCEEDED", 503, "Too many requests", "The request rate limit was exceeded; the call did not run."},
	{"OPERATION_TIME_LIMIT", 429, "Method is blocked due to operation time limit", "The method used up its operation time; it is blocked until the limit resets."},
	{"ERROR_BATCH_METHOD_NOT_ALLOWED", 405, "Method is not allowed for batch usage", "The method cannot be called in a batch."},
	{"ERROR_BATCH_LENGTH_EXCEEDED", 400, "Max batch length exceeded", "The parameters of a batch are too long."},
	{"NO_AUTH_FOUND", 401, "Wrong authorization data", "The access token or webhook code is wrong."},
	{"INVALID_REQUEST", 400, "Https required", "Calls must be made over HTTPS."},
	{"OVERLOAD_LIMIT", 503, "REST API is blocked due to overload", "The REST API of the portal was blocked by hand; only support can lift the block."},
	{"ACCESS_DENIED", 403, "REST API is available only on commercial plans", "The portal's plan does not include the REST API."},
	{"INVALID_CREDENTIALS", 403, "Invalid request credentials", "The user the token or webhook belongs to lacks the rights for the call."},
	{"ERROR_MANIFEST_IS_NOT_AVAILABLE", 404, "Manifest is not available", "The manifest is not available."},
	{"insufficient_scope", 403, "The request requires higher privileges than provided by the webhook token", "The webhook token lacks the scope of the method."},
	{"expired_token", 401, "The access token provided has expired", "The OAuth access token has expired and must be refreshed."},
	{"user_access_error", 403, "The user does not have access to the application", "The application is installed, but not for this user."},
	{"PORTAL_DELETED", 500, "Portal was deleted", "The public part of the site is closed."},
}

// portalErrors are codes a portal answers outside the system error table,
// with the status and message it answers them with.
var portalErrors = []SystemError{
	{"ERROR_METHOD_NOT_FOUND", 404, "Method not found!", "The portal has no method of this name, or the caller's plan or scope does not include it."},
	{"INVALID_ARG_VALUE", 400, "Invalid argument", "A parameter failed the documented checks."},
}

// SystemErrors returns the documented system errors.
func SystemErrors() []SystemError { return slices.Clone(systemErrors) }

// PortalErrors returns the codes a portal answers outside the system error
// table (an unknown method, a parameter that fails its checks).
func PortalErrors() []SystemError { return slices.Clone(portalErrors) }
