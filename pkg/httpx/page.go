package httpx

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Paging limits of every list (API.md).
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page is the request side of a list: limit and an opaque cursor.
type Page struct {
	Limit  int
	Cursor []string // the values the previous page ended on; nil on the first
}

// ParsePage reads ?limit=&cursor=. A bad limit or cursor is ErrInvalid.
func ParsePage(q url.Values) (Page, error) {
	p := Page{Limit: DefaultLimit}
	var v apperr.Validator
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		v.Check(err == nil && n >= 1 && n <= MaxLimit, "limit", "must be a whole number from 1 to 500")
		p.Limit = n
	}
	if s := q.Get("cursor"); s != "" {
		c, err := DecodeCursor(s)
		v.Check(err == nil, "cursor", "is not a cursor this server gave")
		p.Cursor = c
	}
	return p, v.Err()
}

// EncodeCursor packs the sort key of a page's last item.
func EncodeCursor(parts ...string) string {
	b, _ := json.Marshal(parts)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor unpacks EncodeCursor's result.
func DecodeCursor(s string) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil {
		return nil, err
	}
	return parts, nil
}

// List is the body of every list response.
type List[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}
