package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader carries a delivery's signature (API.md).
const SignatureHeader = "X-Eoffice-Signature"

// Sign returns the header value for body sent at t under secret:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">".
func Sign(secret string, t time.Time, body []byte) string { return SignAll([]string{secret}, t, body) }

// SignAll signs under each secret in turn: "t=<unix>,v1=<new>,v1=<old>"
// during a secret rotation. Each v1 is computed exactly as Sign's, so a
// receiver that accepts any matching v1 entry (the Stripe-style rule)
// verifies with either secret.
func SignAll(secrets []string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	var b strings.Builder
	b.WriteString("t=" + ts)
	for _, secret := range secrets {
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(ts))
		mac.Write([]byte("."))
		mac.Write(body)
		b.WriteString(",v1=" + hex.EncodeToString(mac.Sum(nil)))
	}
	return b.String()
}
