package httpx

import (
	"context"
	"mime"
	"net/http"
	"strconv"
)

// Download is a generated file (a spreadsheet of figures) answered as an
// attachment rather than as JSON.
type Download struct {
	Filename    string
	ContentType string
	Body        []byte
}

// EncodeDownload writes a Download with its UTF-8 file name (RFC 6266
// filename*), and any other response as EncodeJSON does. The figures may
// change at any time, so nothing is cached.
func EncodeDownload(ctx context.Context, w http.ResponseWriter, resp any) error {
	d, ok := resp.(Download)
	if !ok {
		return EncodeJSON(ctx, w, resp)
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(d.Body)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Filename}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(d.Body)
	return err
}
