package identityapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// RevokeToken sends the refresh token as RFC 7009 asks and reports a
// refusal.
func TestRevokeToken(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusServiceUnavailable} {
		var got string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.URL.Path != "/v1/token/revoke" || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
				t.Errorf("%s %s %s", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
			}
			got = r.PostFormValue("token")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(`{}`))
		}))
		err := RevokeToken(context.Background(), srv.Client(), srv.URL+"/", "refresh-1")
		srv.Close()
		if got != "refresh-1" {
			t.Errorf("sent token %q", got)
		}
		if (err != nil) != (status != http.StatusOK) {
			t.Errorf("status %d: error %v", status, err)
		}
	}
}
