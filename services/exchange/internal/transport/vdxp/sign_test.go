package vdxp_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/vdxp"
)

// Each call carries the SDK's signature: the XroadVnpt-* parameters it
// sent, as JSON, and their HMAC-SHA256 under the secret, which the
// platform's gateway recomputes. The secret itself is not in the signed text.
func TestCallsAreSignedAsTheSDKSignsThem(t *testing.T) {
	const secret = "the-system-secret"
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		_, _ = w.Write([]byte(`{"status":"OK","ErrorCode":"0","ErrorDesc":"Success","DocId":"ref-1"}`))
	}))
	defer srv.Close()
	c, err := vdxp.New(vdxp.Config{URL: srv.URL, SystemID: "sys-a", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(context.Background(), "k1", transport.Message{Type: transport.TypeEdoc, From: codeA, To: codeB, Body: []byte("<edXML/>")}); err != nil {
		t.Fatal(err)
	}
	signed := got.Get(vdxp.HeaderSignHeader)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signed))
	if want := hex.EncodeToString(mac.Sum(nil)); got.Get(vdxp.HeaderHashHeader) != want {
		t.Fatalf("hash header %q, want the HMAC of %q", got.Get(vdxp.HeaderHashHeader), signed)
	}
	var params map[string]string
	if err := json.Unmarshal([]byte(signed), &params); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k, v := range params {
		if got.Get(k) != v {
			t.Errorf("signed %s = %q, sent %q", k, v, got.Get(k))
		}
		names = append(names, strings.TrimPrefix(k, "XroadVnpt-"))
	}
	slices.Sort(names)
	if got.Get(vdxp.HeaderSignHeaderKey) != strings.Join(names, ";") {
		t.Errorf("sign-header-key %q, want %q", got.Get(vdxp.HeaderSignHeaderKey), strings.Join(names, ";"))
	}
	for _, k := range []string{hub.HeaderSystem, hub.HeaderFrom, hub.HeaderTo, hub.HeaderMessageType, hub.HeaderHashFile, hub.HeaderKey} {
		if _, ok := params[k]; !ok {
			t.Errorf("%s is not signed", k)
		}
	}
	if strings.Contains(signed, secret) {
		t.Error("the secret is in the signed text")
	}
}
