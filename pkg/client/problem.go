package client

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// FieldError names one bad field of a refused request.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Problem is a refusal: the server's problem+json body (RFC 9457), or the
// OAuth error of the token route.
type Problem struct {
	Method, Path  string       `json:"-"`
	Status        int          `json:"status"`
	Type          string       `json:"type"`
	Title         string       `json:"title"`
	Detail        string       `json:"detail"`
	CurrentStatus string       `json:"current_status"`
	OAuthError    string       `json:"error"`
	OAuthDetail   string       `json:"error_description"`
	Errors        []FieldError `json:"errors"`
	RetryAfter    string       `json:"-"`
}

// Error reads like "409 Conflict: the document is issued (current status:
// issued)" followed by each field's message; the route comes last, as the
// least interesting part.
func (p *Problem) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", p.Status)
	title := p.Title
	if title == "" {
		title = http.StatusText(p.Status)
	}
	if title != "" {
		b.WriteString(" " + title)
	}
	detail := p.Detail
	if detail == "" {
		detail = p.OAuthDetail
	}
	if detail == "" && p.OAuthError != "" {
		detail = p.OAuthError
	}
	if detail != "" && detail != title {
		b.WriteString(": " + detail)
	}
	if p.CurrentStatus != "" {
		fmt.Fprintf(&b, " (current status: %s)", p.CurrentStatus)
	}
	for _, f := range p.Errors {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
	}
	if p.RetryAfter != "" {
		fmt.Fprintf(&b, "\n  retry after %ss", p.RetryAfter)
	}
	if p.Method != "" {
		fmt.Fprintf(&b, "\n  (%s %s)", p.Method, p.Path)
	}
	return b.String()
}

func problemFrom(req *http.Request, resp *http.Response) *Problem {
	p := &Problem{Method: req.Method, Path: req.URL.Path, Status: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err := json.Unmarshal(raw, p); err != nil {
		// Not JSON (a proxy's page, a crash): show its start, not all of it.
		txt := strings.TrimSpace(string(raw))
		if len(txt) > 200 {
			txt = txt[:200] + "…"
		}
		p.Detail = txt
	}
	p.Status = resp.StatusCode
	return p
}
