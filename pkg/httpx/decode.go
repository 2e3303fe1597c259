package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// MaxBody is the default limit of a JSON request body.
const MaxBody = 1 << 20

// DecodeJSON reads one JSON object from r into dst, strictly: the content
// type must be JSON when given, unknown fields, wrong types, trailing data
// and bodies over limit bytes (0: MaxBody) are errors of kind
// apperr.ErrInvalid (apperr.ErrTooLarge for size) naming the field.
func DecodeJSON(r *http.Request, dst any, limit int64) error {
	if limit <= 0 {
		limit = MaxBody
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return apperr.Invalid("Content-Type must be application/json")
		}
	}
	body := http.MaxBytesReader(nil, r.Body, limit)
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
