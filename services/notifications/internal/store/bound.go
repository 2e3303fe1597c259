package store

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// The app layer declares the ports it uses and never sees a transaction;
// these views are how the store fills them: View reads through the
// database or a caller's transaction, Bound also writes in a consumer's
// transaction (the one that records the event as handled, so what a rule
// writes commits with it, once), and Repo serves the HTTP use cases, each
// method its own transaction.

// View reads the store through q.
type View struct {
	s *Store
	q store.Querier
}

// View is the store read through q: the database, or a transaction.
func (s *Store) View(q store.Querier) View { return View{s: s, q: q} }

// Unit: see Store.Unit.
func (v View) Unit(ctx context.Context, id string) (domain.Unit, error) {
	return v.s.Unit(ctx, v.q, id)
}

// Person: see Store.Person.
func (v View) Person(ctx context.Context, id string) (domain.Person, error) {
	return v.s.Person(ctx, v.q, id)
}

// ActiveWithRole: see Store.ActiveWithRole.
func (v View) ActiveWithRole(ctx context.Context, unitID, role string) ([]domain.Person, error) {
	return v.s.ActiveWithRole(ctx, v.q, unitID, role)
}

// ActiveInAgencyWithRole: see Store.ActiveInAgencyWithRole.
func (v View) ActiveInAgencyWithRole(ctx context.Context, agencyID, role string) ([]domain.Person, error) {
	return v.s.ActiveInAgencyWithRole(ctx, v.q, agencyID, role)
}

// DirectoryHorizon: see Store.DirectoryHorizon.
func (v View) DirectoryHorizon(ctx context.Context) (time.Time, error) {
	return v.s.DirectoryHorizon(ctx, v.q)
}

// Webhook: see Store.Webhook.
func (v View) Webhook(ctx context.Context, id string) (domain.Webhook, error) {
	return v.s.Webhook(ctx, v.q, id)
}

// ActiveWebhooksFor: see Store.ActiveWebhooksFor.
func (v View) ActiveWebhooksFor(ctx context.Context, eventType string) ([]string, error) {
	return v.s.ActiveWebhooksFor(ctx, v.q, eventType)
}

// WebhookOwner: see Store.WebhookOwner.
func (v View) WebhookOwner(ctx context.Context, w domain.Webhook) (domain.Owner, error) {
	return v.s.WebhookOwner(ctx, v.q, w)
}

// AgencyOfUnit: see Store.AgencyOfUnit.
func (v View) AgencyOfUnit(ctx context.Context, id string) (string, error) {
	return v.s.AgencyOfUnit(ctx, v.q, id)
}

// AgencyOfPerson: see Store.AgencyOfPerson.
func (v View) AgencyOfPerson(ctx context.Context, id string) (string, error) {
	return v.s.AgencyOfPerson(ctx, v.q, id)
}

// Client: see Store.Client.
func (v View) Client(ctx context.Context, id string) (domain.Client, error) {
	return v.s.Client(ctx, v.q, id)
}

// Bound is the store inside a consumer's transaction tx: it reads as View
// and writes in tx.
type Bound struct {
	View
	tx *store.Tx
}

// InTx is the store bound to tx.
func (s *Store) InTx(tx *store.Tx) Bound { return Bound{View: s.View(tx), tx: tx} }

// AddNotification: see Store.AddNotification.
func (b Bound) AddNotification(ctx context.Context, n domain.Notification) (bool, error) {
	return b.s.AddNotification(ctx, b.tx, n)
}

// AddEmail: see Store.AddEmail.
func (b Bound) AddEmail(ctx context.Context, e domain.Email) error { return b.s.AddEmail(ctx, b.tx, e) }

// AddDelivery: see Store.AddDelivery.
func (b Bound) AddDelivery(ctx context.Context, d domain.Delivery) (bool, error) {
	return b.s.AddDelivery(ctx, b.tx, d)
}

// Repo is the store as the HTTP use cases use it: reads on the database,
// each change its own transaction.
type Repo struct{ *Store }

// Repo is s for the HTTP use cases.
func (s *Store) Repo() Repo { return Repo{s} }

// Webhook reads the webhook id from the database.
func (r Repo) Webhook(ctx context.Context, id string) (domain.Webhook, error) {
	return r.Store.Webhook(ctx, r.db, id)
}

// Client reads the client id from the database.
func (r Repo) Client(ctx context.Context, id string) (domain.Client, error) {
	return r.Store.Client(ctx, r.db, id)
}
