package csc

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// call makes an authenticated call, logging in again once if the service
// no longer accepts the token.
func (c *Client) call(ctx context.Context, route string, in, out any) error {
	for attempt := 0; ; attempt++ {
		token, err := c.accessToken(ctx)
		if err != nil {
			return err
		}
		err = c.post(ctx, route, "Bearer "+token, in, out)
		var e *Error
		if attempt == 0 && errors.As(err, &e) && e.Status == http.StatusUnauthorized {
			c.mu.Lock()
			c.token = ""
			c.mu.Unlock()
			continue
		}
		return err
	}
}

func (c *Client) accessToken(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != "" && time.Now().Before(c.expires) {
		return c.token, nil
	}
	var tok TokenResponse
	var err error
	if c.cfg.Auth == AuthBasic {
		basic := base64.StdEncoding.EncodeToString([]byte(c.cfg.ClientID + ":" + c.cfg.ClientSecret))
		err = c.post(ctx, "auth/login", "Basic "+basic, struct{}{}, &tok)
	} else {
		err = c.postForm(ctx, "oauth2/token", url.Values{
			"grant_type": {"client_credentials"}, "client_id": {c.cfg.ClientID}, "client_secret": {c.cfg.ClientSecret},
		}, &tok)
	}
	if err != nil {
		return "", err
	}
	if tok.AccessToken == "" {
		return "", errors.New("csc: login returned no access token")
	}
	life := time.Duration(tok.ExpiresIn) * time.Second
	if life <= 0 {
		life = time.Hour
	}
	// Renew a little early so a token does not run out mid-signature.
	c.token, c.expires = tok.AccessToken, time.Now().Add(life*9/10)
	return c.token, nil
}

func (c *Client) post(ctx context.Context, route, auth string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("csc: %s: %w", route, err)
	}
	return c.do(ctx, route, auth, "application/json", bytes.NewReader(body), out)
}

func (c *Client) postForm(ctx context.Context, route string, form url.Values, out any) error {
	return c.do(ctx, route, "", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), out)
}

func (c *Client) do(ctx context.Context, route, auth, contentType string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.BaseURL+"/csc/v2/"+route, body)
	if err != nil {
		return fmt.Errorf("csc: %s: %w", route, err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("csc: %s: %w", route, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return fmt.Errorf("csc: %s: %w", route, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e ErrorResponse
		_ = json.Unmarshal(data, &e)
		return &Error{Route: route, Status: resp.StatusCode, Code: e.Error, Detail: e.ErrorDescription}
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("csc: %s: response: %w", route, err)
	}
	return nil
}
