package httpapi

import (
	"context"
	"mime"
	"net/http"
	"strconv"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
)

// official routes the signed PDF, its signatures and the signature and
// seal images.
func official(mux *http.ServeMux, s endpoint.Set, opts []kithttp.ServerOption) {
	file := append([]kithttp.ServerOption{kithttp.ServerBefore(conditional)}, opts...)
	mux.Handle("GET /v1/documents/{id}/pdf", kithttp.NewServer(s.PDF, httpx.Deferred(decodePDF), encodeFile, file...))
	mux.Handle("GET /v1/documents/{id}/signatures",
		kithttp.NewServer(s.Signatures, httpx.Deferred(decodeID), httpx.EncodeJSON, opts...))
	mux.Handle("GET /v1/documents/{id}/attachments/{aid}/signatures",
		kithttp.NewServer(s.AttachmentSignatures, httpx.Deferred(decodeAttachment), httpx.EncodeJSON, opts...))
	for path, kind := range map[string]string{
		"/v1/signature-images/{owner}": domain.ImageSignature,
		"/v1/seal-images/{owner}":      domain.ImageSeal,
	} {
		mux.Handle("PUT "+path, kithttp.NewServer(s.PutImage, httpx.Deferred(decodePutImage(kind)), httpx.EncodeJSON, opts...))
		mux.Handle("GET "+path, kithttp.NewServer(s.GetImage, httpx.Deferred(decodeImage(kind)), encodeFile, file...))
	}
}

func decodePDF(_ context.Context, r *http.Request) (any, error) {
	req := endpoint.PDFRequest{ID: r.PathValue("id")}
	if v := r.URL.Query().Get("preview"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, apperr.Invalid("preview must be true or false", apperr.FieldError{Field: "preview", Message: "must be true or false"})
		}
		req.Preview = b
	}
	return req, nil
}

func decodeImage(kind string) func(context.Context, *http.Request) (any, error) {
	return func(_ context.Context, r *http.Request) (any, error) {
		return endpoint.ImageRequest{Kind: kind, OwnerID: r.PathValue("owner")}, nil
	}
}

// decodePutImage takes the PNG as the request body (image/png); the
// service bounds and checks it.
func decodePutImage(kind string) func(context.Context, *http.Request) (any, error) {
	return func(_ context.Context, r *http.Request) (any, error) {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "image/png" {
			return nil, apperr.UnsupportedMediaType("send the image as the body, Content-Type image/png")
		}
		return endpoint.ImageRequest{Kind: kind, OwnerID: r.PathValue("owner"), Content: r.Body}, nil
	}
}
