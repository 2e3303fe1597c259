package httpapi

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	api "github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// FuzzDecoders feeds every request decoder of notifications arbitrary
// bodies, content types and query strings: none may panic, and each
// refusal is a business error (a 4xx problem), never a bare error that
// would answer 500. What the webhook decoders accept then goes through the
// domain's validation, which must hold to the same rule.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(`{"url":"https://hooks.example.vn/eoffice","event_types":["task.assigned","document.issued"],"secret":"0123456789abcdef"}`), "unread=true&limit=5", "application/json")
	f.Add([]byte(`{"secret":"fedcba9876543210","grace_seconds":3600}`), "limit=-1&cursor=%%", "application/json")
	f.Add([]byte(`{"secret":"fedcba9876543210","grace_seconds":9223372036854775807}`), "unread=maybe", "application/json; charset=utf-8")
	f.Add([]byte(`{"secret":"x","grace_seconds":-1e300}`), "cursor=bm90IGEgY3Vyc29y", "application/problem+json")
	f.Add([]byte(`{"url":"http://user:pw@[::1]:80/x","event_types":["vn.eoffice.task.assigned",""],"secret":""}`), "limit=99999999999999999999", "")
	f.Add([]byte(`{"url":"::nope","event_types":null}`), "unread=", "text/plain")
	f.Add([]byte(`[1,2,3]`), "", "application/json")
	f.Add([]byte("{\"secret\":\"\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\"}"), "", "application/json")
	f.Add([]byte(`{"secret":"a"}{"secret":"b"}`), "", "application/json")
	f.Add([]byte(``), "", "")
	decoders := map[string]kithttp.DecodeRequestFunc{
		"list": decodeList, "mark read": decodeMarkRead, "nothing": decodeNothing, "register webhook": decodeWebhook,
		"deliveries": decodeDeliveries, "webhook id": decodeWebhookID, "rotate secret": decodeRotateSecret,
	}
	f.Fuzz(func(t *testing.T, body []byte, query, contentType string) {
		for name, dec := range decoders {
			r := httptest.NewRequest(http.MethodPost, "/v1/webhooks/w1/x", bytes.NewReader(body))
			r.URL.RawQuery = query
			r.Header.Set("Content-Type", contentType)
			r.SetPathValue("id", "w1")
			req, err := dec(context.Background(), r)
			if err != nil {
				businessError(t, name, err)
				continue
			}
			switch req := req.(type) {
			case api.WebhookRequest:
				_, _, err = domain.ValidateWebhook(req.URL, req.EventTypes, req.Secret)
			case api.RotateSecretRequest:
				_, err = domain.ValidateRotation(domain.Webhook{Secret: "0123456789abcdef"}, req.Secret, req.GraceSeconds)
			}
			if err != nil {
				businessError(t, name+" validation", err)
			}
		}
	})
}

func businessError(t *testing.T, name string, err error) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("%s: %T %v is not a business error", name, err, err)
	}
}
