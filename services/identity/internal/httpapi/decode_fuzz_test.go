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
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// FuzzDecoders feeds every request decoder of identity arbitrary bodies
// (as JSON and as a form), query strings and path ids: none may panic, and
// each refusal is a business error (a 4xx problem), never a bare error
// that would answer 500.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(`{"username":"nguyen.van.an","full_name":"Nguyễn Văn An","email":"an@x.gov.vn","unit_id":"u1","roles":["leader"],"password":"Mat-khau-2026"}`), "unit_id=u1&limit=5", false)
	f.Add([]byte(`grant_type=password&username=admin&password=x`), "", true)
	f.Add([]byte(`grant_type=refresh_token&refresh_token=%ZZ`), "", true)
	f.Add([]byte(`{"grant_type":"client_credentials","client_id":"c","client_secret":"s"}`), "", false)
	f.Add([]byte(`{"kind":"division","name":"Phòng","short_name":"P","parent_id":null}`), "limit=0&cursor=x", false)
	f.Add([]byte(`{"name":"c","scopes":["units:read","units:read"]}`), "limit=99999999999999999999", false)
	f.Add([]byte(`{"old_password":1}`), "", false)
	f.Add([]byte("\xff{"), "", true)
	decoders := map[string]kithttp.DecodeRequestFunc{
		"token": decodeToken, "create unit": decodeBody[identityapi.NewUnit], "create user": decodeBody[identityapi.NewUser],
		"password": decodeBody[identityapi.PasswordChange], "client": decodeBody[identityapi.NewClient],
		"list": decodeList, "list users": decodeListUsers, "get unit": decodeGetUnit, "id": decodeID,
		"update unit": decodeUpdateUnit, "update user": decodeUpdateUser, "update client": decodeUpdateClient, "revoke": decodeRevoke,
	}
	f.Fuzz(func(t *testing.T, body []byte, query string, form bool) {
		for name, dec := range decoders {
			r := httptest.NewRequest(http.MethodPost, "/v1/x/u1", bytes.NewReader(body))
			r.URL.RawQuery = query
			if form {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			} else {
				r.Header.Set("Content-Type", "application/json")
			}
			r.SetPathValue("id", "u1")
			_, err := dec(context.Background(), r)
			var ae *apperr.Error
			if err != nil && !errors.As(err, &ae) {
				t.Fatalf("%s: %T %v is not a business error", name, err, err)
			}
		}
	})
}
