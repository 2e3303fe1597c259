// Package vdxp is the transport over the document exchange platform's
// gateway REST API (VDXP/NDXP, or an LGSP in front of it), and over the
// local hub (eoffice-hub) that serves the same API. The calls and their
// XroadVnpt-* headers follow the platform's public Java SDK; package hub
// documents them and where the hub differs.
package vdxp

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
)

// Config names the gateway and this system at it.
type Config struct {
	URL      string // the gateway's base URL; calls go to URL + "/sendEdoc" etc.
	SystemID string
	Secret   string
	HTTP     *http.Client // nil: a client with a 10-minute timeout (packages are large)
	// MaxElapsed bounds the retries of one call (default one minute): the
	// exchange service retries whole sends from its own queue after that.
	MaxElapsed time.Duration
	// InitialInterval is the first wait between tries (default 200ms).
	InitialInterval time.Duration
}

// Client is the gateway transport.
type Client struct {
	cfg Config
	hc  *http.Client
}

var _ transport.Transport = (*Client)(nil)

// New returns the client; it checks the settings, not the gateway.
func New(cfg Config) (*Client, error) {
	if cfg.URL == "" || cfg.SystemID == "" || cfg.Secret == "" {
		return nil, errors.New("vdxp: URL, system id and secret are required")
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	if cfg.MaxElapsed <= 0 {
		cfg.MaxElapsed = time.Minute
	}
	if cfg.InitialInterval <= 0 {
		cfg.InitialInterval = 200 * time.Millisecond
	}
	hc := cfg.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Minute}
	}
	return &Client{cfg: cfg, hc: hc}, nil
}

// Error is a gateway's refusal (a 4xx answer): retrying cannot help.
type Error struct {
	HTTPStatus int
	Code, Desc string
}

func (e *Error) Error() string {
	return fmt.Sprintf("gateway refused (%d %s): %s", e.HTTPStatus, e.Code, e.Desc)
}

// Is makes a refusal for an unknown recipient match transport.ErrUnknownRecipient.
func (e *Error) Is(target error) bool {
	return target == transport.ErrUnknownRecipient && e.Code == hub.ErrorUnknownRecipient
}

// reply is the gateway's answer envelope.
type reply struct {
	Status    string          `json:"status"`
	ErrorCode string          `json:"ErrorCode"`
	ErrorDesc string          `json:"ErrorDesc"`
	DocID     string          `json:"DocId"`
	Data      json.RawMessage `json:"data"`
}

// do runs one call with retries: network errors and 5xx are tried again
// with exponential backoff, a 4xx never. It answers the 2xx body as is.
func (c *Client) do(ctx context.Context, path string, headers map[string]string, body []byte) ([]byte, error) {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = c.cfg.InitialInterval
	return backoff.Retry(ctx, func() ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.URL+path, bytes.NewReader(body))
		if err != nil {
			return nil, backoff.Permanent(fmt.Errorf("vdxp %s: %w", path, err))
		}
		params := map[string]string{hub.HeaderSystem: c.cfg.SystemID, HeaderTimestamp: time.Now().Format("02012006T150405")}
		maps.Copy(params, headers)
		for k, v := range params {
			req.Header.Set(k, v)
		}
		if err := sign(req.Header, params, c.cfg.Secret); err != nil {
			return nil, backoff.Permanent(fmt.Errorf("vdxp %s: %w", path, err))
		}
		req.Header.Set(hub.HeaderSecret, c.cfg.Secret)
		req.Header.Set("User-Agent", "eoffice-exchange")
		resp, err := c.hc.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, backoff.Permanent(ctx.Err())
			}
			return nil, fmt.Errorf("vdxp %s: %w", path, err)
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(io.LimitReader(resp.Body, 2*transport.MaxBody))
		if err != nil {
			return nil, fmt.Errorf("vdxp %s: reading the answer: %w", path, err)
		}
		switch {
		case resp.StatusCode >= 500:
			return nil, fmt.Errorf("vdxp %s: gateway answered %d", path, resp.StatusCode)
		case resp.StatusCode >= 400:
			var rp reply
			_ = json.Unmarshal(data, &rp)
			return nil, backoff.Permanent(fmt.Errorf("vdxp %s: %w", path, &Error{HTTPStatus: resp.StatusCode, Code: rp.ErrorCode, Desc: rp.ErrorDesc}))
		}
		return data, nil
	}, backoff.WithBackOff(b), backoff.WithMaxElapsedTime(c.cfg.MaxElapsed))
}

// call runs do and reads the JSON envelope; a 2xx answer whose status is
// FAIL is a refusal too (the platform answers some errors so).
func (c *Client) call(ctx context.Context, path string, headers map[string]string, body []byte) (reply, error) {
	data, err := c.do(ctx, path, headers, body)
	if err != nil {
		return reply{}, err
	}
	var rp reply
	if err := json.Unmarshal(data, &rp); err != nil {
		return rp, fmt.Errorf("vdxp %s: answer is not the gateway's JSON: %w", path, err)
	}
	if strings.EqualFold(rp.Status, "FAIL") || (rp.ErrorCode != "" && rp.ErrorCode != "0") {
		return rp, fmt.Errorf("vdxp %s: %w", path, &Error{HTTPStatus: http.StatusOK, Code: rp.ErrorCode, Desc: rp.ErrorDesc})
	}
	return rp, nil
}

// Signature headers of the SDK (VnptService.addXroadVnptHashHeader).
const (
	HeaderTimestamp     = "XroadVnpt-timestamp"
	HeaderSignHeaderKey = "XroadVnpt-sign-header-key"
	HeaderSignHeader    = "XroadVnpt-sign-header"
	HeaderHashHeader    = "XroadVnpt-hash-header"
)

// sign adds the signature the platform's gateway checks, as the SDK makes
// it: the call's XroadVnpt-* parameters as a JSON object, their names, and
// the HMAC-SHA256 of that JSON under the secret. The hub ignores it (it
// keeps only a hash of the secret, so it checks XroadVnpt-secret instead).
func sign(h http.Header, params map[string]string, secret string) error {
	signed := map[string]string{}
	var names []string
	for k, v := range params {
		name, ok := strings.CutPrefix(k, "XroadVnpt-")
		if !ok {
			continue
		}
		signed[k] = v
		names = append(names, name)
	}
	slices.Sort(names)
	js, err := json.Marshal(signed) // keys sorted: the same text for the same call
	if err != nil {
		return err
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(js)
	h.Set(HeaderSignHeaderKey, strings.Join(names, ";"))
	h.Set(HeaderSignHeader, string(js))
	h.Set(HeaderHashHeader, hex.EncodeToString(mac.Sum(nil)))
	return nil
}

// Send hands m to the gateway (sendEdoc); key makes a retry the same message.
func (c *Client) Send(ctx context.Context, key string, m transport.Message) (string, error) {
	if m.Type != transport.TypeEdoc && m.Type != transport.TypeStatus {
		return "", fmt.Errorf("vdxp send: message type %q is neither edoc nor status", m.Type)
	}
	to, _ := json.Marshal([]string{m.To})
	sum := sha256.Sum256(m.Body)
	rp, err := c.call(ctx, "/sendEdoc", map[string]string{
		"Content-Type":        "application/octet-stream",
		hub.HeaderKey:         key,
		hub.HeaderFrom:        m.From,
		hub.HeaderTo:          string(to),
		hub.HeaderServiceType: "eDoc",
		hub.HeaderMessageType: m.Type,
		hub.HeaderHashFile:    hex.EncodeToString(sum[:]),
	}, m.Body)
	if err != nil {
		return "", err
	}
	if rp.DocID == "" {
		return "", errors.New("vdxp send: the gateway answered no DocId")
	}
	return rp.DocID, nil
}

// Pending lists up to max messages for this system (getReceivedEdocList)
// and fetches each (downloadEdoc).
func (c *Client) Pending(ctx context.Context, max int) ([]transport.Message, error) {
	if max <= 0 {
		return nil, nil
	}
	rp, err := c.call(ctx, "/getReceivedEdocList", map[string]string{
		hub.HeaderServiceType: "eDoc",
		hub.HeaderLimit:       strconv.Itoa(max),
	}, nil)
	if err != nil {
		return nil, err
	}
	var list []hub.Knobstick
	if len(rp.Data) > 0 && string(rp.Data) != "null" {
		if err := json.Unmarshal(rp.Data, &list); err != nil {
			return nil, fmt.Errorf("vdxp pending: the list is not the gateway's JSON: %w", err)
		}
	}
	var out []transport.Message
	for _, k := range list {
		if len(out) >= max {
			break
		}
		body, err := c.do(ctx, "/downloadEdoc", map[string]string{hub.HeaderDocID: k.DocID}, nil)
		if err != nil {
			return nil, err
		}
		typ := strings.ToLower(k.MessageType)
		if typ != transport.TypeStatus {
			typ = transport.TypeEdoc
		}
		out = append(out, transport.Message{Ref: k.DocID, Type: typ, From: k.From, To: k.To, Body: body})
	}
	return out, nil
}

// Ack tells the gateway the message is stored on our side (updateStatus done).
func (c *Client) Ack(ctx context.Context, ref string) error {
	_, err := c.call(ctx, "/updateStatus", map[string]string{hub.HeaderDocID: ref, hub.HeaderStatus: hub.StatusDone}, nil)
	return err
}

// Delivered reports whether the recipient system acknowledged ref
// (getSentEdocList: its receiveStatus is done).
func (c *Client) Delivered(ctx context.Context, ref string) (bool, error) {
	rp, err := c.call(ctx, "/getSentEdocList", map[string]string{hub.HeaderServiceType: "eDoc", hub.HeaderDocID: ref}, nil)
	if err != nil {
		return false, err
	}
	var list []hub.SentStatus
	if err := json.Unmarshal(rp.Data, &list); err != nil {
		return false, fmt.Errorf("vdxp delivered: the list is not the gateway's JSON: %w", err)
	}
	for _, s := range list {
		if s.SenderDocID == ref || s.ReceiverDocID == ref {
			return strings.EqualFold(s.ReceiveStatus, hub.StatusDone), nil
		}
	}
	return false, nil
}

// Announce tells the gateway the organisation codes this system receives
// for (registerAgency, one entry per code).
func (c *Client) Announce(ctx context.Context, codes []string) error {
	agencies := make([]hub.Agency, 0, len(codes))
	for _, code := range codes {
		agencies = append(agencies, hub.Agency{Code: code})
	}
	body, err := json.Marshal(agencies)
	if err != nil {
		return fmt.Errorf("vdxp announce: %w", err)
	}
	_, err = c.call(ctx, "/registerAgency", map[string]string{"Content-Type": "application/json"}, body)
	return err
}
