// Package apperr holds the kinds of business error every service returns.
// Services wrap these kinds; transports map them to HTTP status in one
// place (pkg/httpx) with errors.Is/As.
package apperr

import (
	"errors"
	"fmt"
	"strings"
)

// Kinds. Match with errors.Is.
var (
	ErrInvalid      = errors.New("invalid input")           // 400
	ErrUnauthorized = errors.New("unauthorized")            // 401
	ErrForbidden    = errors.New("forbidden")               // 403
	ErrNotFound     = errors.New("not found")               // 404
	ErrConflict     = errors.New("conflict")                // 409
	ErrTooLarge     = errors.New("request too large")       // 413
	ErrMediaType    = errors.New("unsupported media type")  // 415
	ErrRefused      = errors.New("content refused")         // 422: well-formed, but refused (an infected file)
	ErrThrottled    = errors.New("too many requests")       // 429
	ErrUnavailable  = errors.New("temporarily unavailable") // 503
)

// FieldError names one invalid field of a request.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is a business error with the details a problem body carries.
type Error struct {
	Kind          error
	Detail        string
	Fields        []FieldError
	CurrentStatus string // for ErrConflict: the resource's state
	Code          string // a machine code, e.g. RFC 6749 "invalid_grant"
	RetryAfter    int    // seconds, for ErrThrottled
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.Error())
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Message)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Kind }

// Invalid is a 400 with optional field errors.
func Invalid(detail string, fields ...FieldError) error {
	return &Error{Kind: ErrInvalid, Detail: detail, Fields: fields}
}

// NotFound is a 404 for what (e.g. "document").
func NotFound(what string) error {
	return &Error{Kind: ErrNotFound, Detail: what + " not found"}
}

// UnsupportedMediaType is a 415: the body is not of a type the route reads.
func UnsupportedMediaType(detail string) error { return &Error{Kind: ErrMediaType, Detail: detail} }

// Forbidden is a 403.
func Forbidden(detail string) error { return &Error{Kind: ErrForbidden, Detail: detail} }

// Unauthorized is a 401.
func Unauthorized(detail string) error { return &Error{Kind: ErrUnauthorized, Detail: detail} }

// Conflict is a 409 carrying the resource's current status.
func Conflict(detail, currentStatus string) error {
	return &Error{Kind: ErrConflict, Detail: detail, CurrentStatus: currentStatus}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Validator collects field errors of one request.
type Validator struct{ fields []FieldError }

// Check records message for field when ok is false.
func (v *Validator) Check(ok bool, field, message string) {
	if !ok {
		v.fields = append(v.fields, FieldError{Field: field, Message: message})
	}
}

// Add records a field error.
func (v *Validator) Add(field, message string) { v.Check(false, field, message) }

// Err is nil when every check passed, else an Invalid error listing them.
func (v *Validator) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return Invalid("the request has invalid fields", v.fields...)
}
