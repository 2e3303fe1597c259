package httpx

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// MaxBody is the default limit of a JSON request body (1 MiB); routes
// with short bodies state a smaller one.
const MaxBody = 1 << 20

// DecodeJSON reads one JSON object from r into dst, strictly: a body must
// be declared JSON (application/json or a +json type; anything else,
// or no Content-Type on a non-empty body, is apperr.ErrMediaType, a 415);
// unknown fields, wrong types and trailing data are apperr.ErrInvalid
// naming the field; a body over limit bytes (0: MaxBody) is
// apperr.ErrTooLarge and is not read further.
func DecodeJSON(r *http.Request, dst any, limit int64) error {
	if limit <= 0 {
		limit = MaxBody
	}
	body := bufio.NewReader(http.MaxBytesReader(nil, r.Body, limit))
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		if _, err := body.Peek(1); err != nil {
			return decodeError(err, limit) // empty, or failed before a byte
		}
		return apperr.UnsupportedMediaType("Content-Type must be application/json")
	}
	if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return apperr.UnsupportedMediaType("Content-Type must be application/json")
	}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err, limit)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return apperr.Invalid("the body must hold one JSON object and nothing after it")
	}
	return nil
}

func decodeError(err error, limit int64) error {
	var (
		syntax   *json.SyntaxError
		typeErr  *json.UnmarshalTypeError
		tooLarge *http.MaxBytesError
	)
	switch {
	case errors.Is(err, io.EOF):
		return apperr.Invalid("the request body is empty; a JSON object is required")
	case errors.As(err, &tooLarge):
		return &apperr.Error{Kind: apperr.ErrTooLarge, Detail: fmt.Sprintf("the body is larger than %d bytes", limit)}
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Invalid("malformed JSON: " + err.Error())
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return apperr.Invalid("the body must be a JSON object")
		}
		return apperr.Invalid("wrong type", apperr.FieldError{Field: field, Message: "must be " + jsonKind(typeErr.Type.Kind().String())})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Invalid("unknown field", apperr.FieldError{Field: name, Message: "unknown field"})
	default:
		return apperr.Invalid("malformed JSON: " + err.Error())
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct", "ptr":
		return "an object"
	default:
		return "a number"
	}
}
