package httpapi

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
)

// decodeUpload finds the multipart part named "file" and hands its stream
// to the endpoint: the content is read (and size-limited) only after the
// token is checked, straight to storage, never held in memory.
// The caller was authenticated before (svc): only then does the upload get
// the transfer timeout instead of the read timeout of small requests.
func decodeUpload(_ context.Context, r *http.Request) (any, error) {
	ct := r.Header.Get("Content-Type")
	// No body at all is a missing file (400); a body of another type, 415.
	if mt, _, _ := mime.ParseMediaType(ct); mt != "multipart/form-data" && (ct != "" || r.ContentLength != 0) {
		return nil, apperr.UnsupportedMediaType("send the file as multipart/form-data, field \"file\"")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.Invalid("malformed multipart/form-data body",
			apperr.FieldError{Field: "file", Message: "send the file as multipart/form-data, field \"file\""})
	}
	httpx.ExtendRead(r.Context())
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, apperr.Invalid("no file", apperr.FieldError{Field: "file", Message: "is required"})
		}
		if err != nil {
			return nil, apperr.Invalid("malformed multipart body", apperr.FieldError{Field: "file", Message: err.Error()})
		}
		if part.FormName() != "file" {
			continue
		}
		return endpoint.UploadRequest{ID: r.PathValue("id"), Filename: part.FileName(),
			ContentType: part.Header.Get("Content-Type"), Content: part,
			IdempotencyKey: r.Header.Get(idempotency.Header)}, nil
	}
}

func decodeAttachment(_ context.Context, r *http.Request) (any, error) {
	return endpoint.AttachmentRequest{ID: r.PathValue("id"), AttachmentID: r.PathValue("aid")}, nil
}

type ifNoneMatchKey struct{}

// conditional keeps the request's If-None-Match for encodeFile: the
// download is still authorized as any other before a 304 is answered.
func conditional(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, ifNoneMatchKey{}, r.Header.Get("If-None-Match"))
}

// etagMatches reports whether an If-None-Match header names etag (weak
// comparison, RFC 9110 13.1.2) or is "*".
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// encodeFile streams a download with its UTF-8 file name (RFC 6266
// filename*), or answers the error as a problem. The ETag is the content's
// SHA-256: a client that has it gets 304 Not Modified without the body.
func encodeFile(ctx context.Context, w http.ResponseWriter, response any) error {
	f, ok := response.(endpoint.FileResponse)
	if !ok || f.Err != nil {
		return httpx.EncodeJSON(ctx, w, response)
	}
	defer f.Content.Close()
	a := f.Attachment
	etag := `"` + a.SHA256 + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, no-cache") // revalidate: visibility may change
	if inm, _ := ctx.Value(ifNoneMatchKey{}).(string); inm != "" && etagMatches(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(a.Size, 10))
	disposition := "attachment"
	if f.Inline {
		disposition = "inline"
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": a.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Digest", "sha-256="+a.SHA256)
	httpx.ExtendWrite(ctx) // a large file outlasts the write timeout of small answers
	_, err := io.Copy(w, f.Content)
	return err
}
