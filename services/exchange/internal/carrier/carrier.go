// Package carrier opens the transport the configuration names and hands
// it to the use cases as their port (app.Transport).
package carrier

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/config"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/folder"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/vdxp"
)

// Open returns the configured transport over hc (for vdxp).
func Open(cfg config.Config, hc *http.Client) (app.Transport, error) {
	switch cfg.Transport {
	case config.TransportFolder:
		f, err := folder.New(cfg.InDir, cfg.OutDir)
		if err != nil {
			return nil, err
		}
		return Adapt(f), nil
	case config.TransportVDXP:
		c, err := vdxp.New(vdxp.Config{URL: cfg.VDXPURL, SystemID: cfg.SystemID, Secret: cfg.Secret, HTTP: hc})
		if err != nil {
			return nil, err
		}
		return Adapt(c), nil
	}
	return nil, fmt.Errorf("transport %q: want vdxp or folder", cfg.Transport)
}

// Adapt makes t the use cases' port.
func Adapt(t transport.Transport) app.Transport { return adapter{t} }

type adapter struct{ t transport.Transport }

func (a adapter) Send(ctx context.Context, key string, m app.Message) (string, error) {
	ref, err := a.t.Send(ctx, key, transport.Message{Ref: m.Ref, Type: m.Type, From: m.From, To: m.To, Body: m.Body})
	if errors.Is(err, transport.ErrUnknownRecipient) {
		return "", fmt.Errorf("%w: %v", app.ErrUnknownRecipient, err)
	}
	return ref, err
}

func (a adapter) Pending(ctx context.Context, max int) ([]app.Message, error) {
	ms, err := a.t.Pending(ctx, max)
	out := make([]app.Message, len(ms))
	for i, m := range ms {
		out[i] = app.Message{Ref: m.Ref, Type: m.Type, From: m.From, To: m.To, Body: m.Body}
	}
	return out, err
}

func (a adapter) Ack(ctx context.Context, ref string) error { return a.t.Ack(ctx, ref) }

func (a adapter) Delivered(ctx context.Context, ref string) (bool, error) {
	return a.t.Delivered(ctx, ref)
}

func (a adapter) Announce(ctx context.Context, codes []string) error { return a.t.Announce(ctx, codes) }
