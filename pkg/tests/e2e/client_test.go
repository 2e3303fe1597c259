package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

var httpClient = &http.Client{Timeout: 10 * time.Second}

// call sends body (JSON, or raw when it is a string) and decodes a JSON
// answer into out when out is not nil. It returns the status and raw body.
func call(t *testing.T, method, url, token string, body, out any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, url, raw, err)
		}
	}
	return resp.StatusCode, raw
}

// must is call that fails the test unless the status is want.
func must(t *testing.T, want int, method, url, token string, body, out any) []byte {
	t.Helper()
	status, raw := call(t, method, url, token, body, out)
	if status != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, url, status, want, raw)
	}
	return raw
}

// login runs the password grant and returns the access token.
func login(t *testing.T, identity, username, password string) string {
	t.Helper()
	tok, err := identityapi.PasswordGrant(context.Background(), httpClient, identity, username, password)
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return tok.AccessToken
}

// eventually polls fn until it returns true or the timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, fn func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		if fn() {
			return time.Since(start)
		}
		if time.Since(start) > timeout {
			t.Fatalf("%s: not within %s", what, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// expectProblem checks a 4xx problem+json answer.
func expectProblem(t *testing.T, want int, method, url, token string, body any) client.Problem {
	t.Helper()
	var rd io.Reader
	if s, ok := body.(string); ok {
		rd = strings.NewReader(s)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var p client.Problem
	if resp.StatusCode != want || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") || json.Unmarshal(raw, &p) != nil || p.Status != want {
		t.Fatalf("%s %s: got %d %q %s, want %d problem+json", method, url, resp.StatusCode, resp.Header.Get("Content-Type"), raw, want)
	}
	return p
}
