// Package identityview is the one read model of identity a service keeps:
// its units, people and integration clients, fed by identity's unit.*,
// user.* and client.* events and, for what the events have not brought
// yet, by identity's API (Fallback).
//
// Every write carries the version of identity's state it records — the
// event's time (ce_time) with its id as the tie-break — and changes a row
// only when it is not older than what the row holds: redelivered, late or
// reordered events (units and people travel on different partitions) never
// undo a newer state. A service applies the package's migration (Migrate)
// next to its own and reads the tables through this package; it keeps in
// its own tables only what it adds of its own.
package identityview

import (
	"context"
	"embed"
	"errors"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// MigrationTable is goose's version table for this package's schema, apart
// from the service's own so that their version numbers never collide.
const MigrationTable = "goose_identityview"

// Migrate creates or upgrades the read model's tables in a service's
// database. A service whose own migrations copy older rows into them
// applies it first.
func Migrate(ctx context.Context, db *store.DB) error {
	return db.Migrate(ctx, MigrationTable, store.SubFS(migrations, "migrations"))
}

// Unit kinds (identity's names).
const (
	KindAgency   = "agency"
	KindDivision = "division"
)

// ErrNotFound: the read model has not heard of the unit, person or client.
var ErrNotFound = errors.New("not in the identity read model")

// ErrParentUnknown: a division arrived without its agency before its parent
// did; retrying later fixes it.
var ErrParentUnknown = errors.New("parent unit not known yet")

// Unit is identity's unit as the read model keeps it.
type Unit struct {
	ID       string
	ParentID string // "" for a root
	Kind     string // KindAgency or KindDivision
	// AgencyID is the nearest agency at or above the unit (itself for an
	// agency).
	AgencyID  string
	Code      string
	Name      string
	ShortName string
	Active    bool

	// An agency's facts for its official documents, "" when unset (and on
	// a division). PlaceName is the địa danh of the date line ("Khánh Hòa,
	// ngày 05 tháng 3 năm 2026").
	PlaceName string
	// Regime is RegimeCollective or RegimeHeadLed; "" counts as head-led.
	Regime string
	// HeadTitle is how the head's position prints in signing marks
	// ("Chủ tịch" in "KT. CHỦ TỊCH").
	HeadTitle string
	// CollectiveName is the body named after "TM."; "" means the name.
	CollectiveName string
}

// An agency's regimes (identity's names).
const (
	RegimeCollective = "collective"
	RegimeHeadLed    = "head_led"
)

// A person's positions (identity's names); "" is unset, and the signing
// rules count a leader without one as the head.
const (
	PositionHead         = "head"
	PositionDeputy       = "deputy"
	PositionActingHead   = "acting_head"
	PositionOfficeHead   = "office_head"
	PositionDivisionHead = "division_head"
)

// IsAgency reports whether the unit is an agency.
func (u Unit) IsAgency() bool { return u.Kind == KindAgency }

// Person is identity's user as the read model keeps it.
type Person struct {
	ID       string
	Username string
	FullName string
	Email    string
	UnitID   string
	AgencyID string
	Title    string
	// Position is a Position constant or "" (unset).
	Position string
	Roles    []string // sorted, without repeats
	Active   bool
}

// Client is an integration client as the read model keeps it.
type Client struct {
	ID       string
	Name     string
	Scopes   []string
	AgencyID string // "" for every agency's
	Active   bool
}

// Version is the state of identity a write records: the event's time and
// id (its tie-break at equal times). The zero Version is that of an answer
// of identity's API (Fallback), which any event replaces.
type Version struct {
	Time    time.Time
	EventID string
}

// newer is the WHERE of an upsert of table t: the incoming version is not
// older than the stored one. An equal version is a redelivery and writes
// the same again.
func newer(t string) string {
	return ` WHERE ` + t + `.event_time < excluded.event_time OR (` + t + `.event_time = excluded.event_time AND ` +
		t + `.event_id <= excluded.event_id)`
}
