// Package app holds the exchange service's use cases: the directory of
// organisations, packages received (kept first, then validated, accepted
// or refused), packages sent for issued documents, and the status messages
// both ways. It declares the ports it needs (ports.go).
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
)

// App implements the use cases.
type App struct {
	store     Store
	blobs     Blobs
	transport Transport
	docs      Documents
	agencies  Agencies
	log       *slog.Logger
	now       Clock
	limits    edxml.Limits
	source    string
}

// Deps are what an App runs on; Documents, Agencies and Transport may be
// nil in tests that do not reach them.
type Deps struct {
	Store     Store
	Blobs     Blobs
	Transport Transport
	Documents Documents
	Agencies  Agencies
	Logger    *slog.Logger
	Clock     Clock
}

// New returns the use cases on d.
func New(d Deps) *App {
	a := &App{store: d.Store, blobs: d.Blobs, transport: d.Transport, docs: d.Documents, agencies: d.Agencies,
		log: d.Logger, now: d.Clock, limits: edxml.DefaultLimits, source: events.Source("exchange")}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	return a
}

// emit adds one event to the transaction's outbox.
func (a *App) emit(ctx context.Context, w Writes, short, key string, payload proto.Message) error {
	ev, err := envelope.New(ctx, a.source, short, key, payload)
	if err != nil {
		return fmt.Errorf("event %s: %w", short, err)
	}
	return w.Emit(ctx, ev)
}

// ourAgency finds this deployment's agency with organisation code code:
// the read model first, then identity (whose events may lag), keeping the
// answer. identityview.ErrNotFound when neither knows it.
func (a *App) ourAgency(ctx context.Context, code string) (identityview.Unit, error) {
	u, err := a.store.AgencyByCode(ctx, code)
	if !errors.Is(err, identityview.ErrNotFound) || a.agencies == nil || code == "" {
		return u, err
	}
	u, err = a.agencies.AgencyByCode(ctx, code)
	if err != nil {
		return u, err
	}
	err = a.store.InTx(ctx, func(ctx context.Context, w Writes) error { return w.PutUnit(ctx, u) })
	return u, err
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
