package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Statistics computes an agency's figures of a period: counts with SQL
// aggregates, and the handling times from one narrow scan per step
// (arrival and step times and who took it), whose percentiles are taken
// in Go — no document is loaded.
func (s *Store) Statistics(ctx context.Context, q domain.StatsQuery) (domain.Stats, error) {
	out := domain.Stats{Query: q}
	from, to := q.Bounds()
	f, t := store.FormatTime(from), store.FormatTime(to)
	// Received: the agency's receipts that arrived in the period, refused
	// ones apart.
	rows, err := s.DB.QueryContext(ctx, `SELECT d.channel, d.kind, d.urgency, COUNT(*)
		FROM receipts r JOIN documents d ON d.id = r.document_id
		WHERE r.agency_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.refused_at IS NULL
		GROUP BY d.channel, d.kind, d.urgency`, q.AgencyID, f, t)
	if err != nil {
		return out, fmt.Errorf("statistics received: %w", err)
	}
	for rows.Next() {
		var c, k, u string
		var n int
		if err := rows.Scan(&c, &k, &u, &n); err != nil {
			rows.Close()
			return out, fmt.Errorf("statistics received: %w", err)
		}
		out.Received.Add(domain.Channel(c), domain.Kind(k), domain.Urgency(u), n)
		if domain.Channel(c) != domain.ChannelPaper {
			out.ElectronicReceived += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("statistics received: %w", err)
	}
	// Sent: the agency's documents numbered and released in the period; by
	// exchange when one recipient is outside, else internal.
	rows, err = s.DB.QueryContext(ctx, `SELECT
			CASE WHEN EXISTS (SELECT 1 FROM document_external_recipients er WHERE er.document_id = d.id) THEN 'exchange' ELSE 'internal' END,
			d.kind, d.urgency,
			CASE WHEN EXISTS (SELECT 1 FROM document_pdfs p WHERE p.document_id = d.id) THEN 1 ELSE 0 END,
			COUNT(*)
		FROM documents d
		WHERE d.issuer_unit_id = $1 AND d.issued_at >= $2 AND d.issued_at < $3 AND d.number IS NOT NULL
		GROUP BY 1, 2, 3, 4`, q.AgencyID, f, t)
	if err != nil {
		return out, fmt.Errorf("statistics sent: %w", err)
	}
	for rows.Next() {
		var c, k, u string
		var signed, n int
		if err := rows.Scan(&c, &k, &u, &signed, &n); err != nil {
			rows.Close()
			return out, fmt.Errorf("statistics sent: %w", err)
		}
		out.Sent.Add(domain.Channel(c), domain.Kind(k), domain.Urgency(u), n)
		if signed == 1 {
			out.ElectronicSent += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("statistics sent: %w", err)
	}
	if out.Received.ByChannel == nil {
		out.Received.Add(domain.ChannelInternal, "", "", 0)
	}
	if out.Sent.ByChannel == nil {
		out.Sent.Add(domain.ChannelInternal, "", "", 0)
	}
	h, err := s.handling(ctx, q.AgencyID, f, t)
	out.Handling = h
	return out, err
}

// handling gathers, per person who took the step and per their unit, the
// days from arrival to registration and to direction of receipts that
// arrived in the period, from one scan of the receipts' times; the people
// and their units are read apart (a few rows).
func (s *Store) handling(ctx context.Context, agencyID, from, to string) ([]domain.Handling, error) {
	// The days are the database's to compute (the times are fixed-width
	// UTC text): the scan carries two numbers and two ids per receipt.
	days := func(at string) string {
		if s.DB.Dialect == store.Postgres {
			return "EXTRACT(EPOCH FROM (CAST(" + at + " AS timestamptz) - CAST(created_at AS timestamptz))) / 86400.0"
		}
		return "julianday(" + at + ") - julianday(created_at)"
	}
	// A receipt directed through routing has its direction in its steps
	// (below); one directed before routing existed, in its columns only.
	rows, err := s.DB.QueryContext(ctx, `SELECT registered_by, `+days("registered_at")+`, directed_by, `+days("directed_at")+`,
		CASE WHEN EXISTS (SELECT 1 FROM routing_steps s WHERE s.document_id = receipts.document_id
			AND s.agency_id = receipts.agency_id AND s.kind = 'direct') THEN 1 ELSE 0 END
		FROM receipts WHERE agency_id = $1 AND created_at >= $2 AND created_at < $3 AND registered_at IS NOT NULL`, agencyID, from, to)
	if err != nil {
		return nil, fmt.Errorf("statistics handling: %w", err)
	}
	defer rows.Close()
	all := &domain.Handling{}
	people := map[string]*domain.Handling{}
	var order []string
	person := func(id string) *domain.Handling {
		h, ok := people[id]
		if !ok {
			h = &domain.Handling{UserID: id}
			people[id] = h
			order = append(order, id)
		}
		return h
	}
	// To the second first (julianday's float is not exact), then to the
	// hundredth of a day, as domain.Days rounds a duration.
	round := func(d float64) float64 { return math.Round(math.Round(d*86400)/864) / 100 }
	for rows.Next() {
		var registeredBy, directedBy string
		var reg float64
		var dir sql.NullFloat64
		var routed int
		if err := rows.Scan(&registeredBy, &reg, &directedBy, &dir, &routed); err != nil {
			return nil, fmt.Errorf("statistics handling: %w", err)
		}
		reg = round(reg)
		all.ToRegistration = append(all.ToRegistration, reg)
		p := person(registeredBy)
		p.ToRegistration = append(p.ToRegistration, reg)
		if dir.Valid && routed == 0 {
			d := round(dir.Float64)
			all.ToDirection = append(all.ToDirection, d)
			p := person(directedBy)
			p.ToDirection = append(p.ToDirection, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("statistics handling: %w", err)
	}
	rows.Close()
	if err := s.stepTimes(ctx, agencyID, from, to, all, person); err != nil {
		return nil, err
	}
	// Names and units of the people, and the units' figures.
	units := map[string]*domain.Handling{}
	var unitOrder []string
	for _, id := range order {
		p := people[id]
		var unit, unitName string
		err := s.DB.QueryRowContext(ctx, `SELECT p.full_name, p.unit_id, COALESCE(u.name, '')
			FROM identity_people p LEFT JOIN identity_units u ON u.id = p.unit_id WHERE p.id = $1`, id).Scan(&p.Name, &unit, &unitName)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("statistics handling: %w", err)
		}
		p.UnitID = unit
		if unit == "" {
			continue
		}
		u, ok := units[unit]
		if !ok {
			u = &domain.Handling{UnitID: unit, Name: unitName}
			units[unit] = u
			unitOrder = append(unitOrder, unit)
		}
		u.ToRegistration = append(u.ToRegistration, p.ToRegistration...)
		u.ToDirection = append(u.ToDirection, p.ToDirection...)
		u.Steps = append(u.Steps, p.Steps...)
	}
	out := []domain.Handling{*all}
	for _, k := range unitOrder {
		out = append(out, *units[k])
	}
	for _, k := range order {
		out = append(out, *people[k])
	}
	domain.SortHandling(out)
	return out, nil
}

// stepTimes reads the routing steps of the receipts that arrived in the
// period, in order, and gives each step's taker the days it took from
// receiving the document (registration, or the step before) to the step,
// and a direction's taker the days from arrival to the direction (who
// actually directed, and when). A for-information reader's "read" is no
// step of the chain. Who acted on it last holds it, so what one person
// took is never counted for another.
func (s *Store) stepTimes(ctx context.Context, agencyID, from, to string, all *domain.Handling, person func(string) *domain.Handling) error {
	rows, err := s.DB.QueryContext(ctx, `SELECT s.document_id, s.kind, s.from_user_id, s.at, r.created_at, r.registered_at
		FROM routing_steps s JOIN receipts r ON r.document_id = s.document_id AND r.agency_id = s.agency_id
		WHERE s.agency_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.registered_at IS NOT NULL AND s.kind <> 'read'
		ORDER BY s.document_id, s.seq`, agencyID, from, to)
	if err != nil {
		return fmt.Errorf("statistics steps: %w", err)
	}
	defer rows.Close()
	var doc string
	var prev, arrived time.Time
	for rows.Next() {
		var d, kind, by, at, created, registered string
		if err := rows.Scan(&d, &kind, &by, &at, &created, &registered); err != nil {
			return fmt.Errorf("statistics steps: %w", err)
		}
		t, err := store.ParseTime(at)
		if err != nil {
			return err
		}
		if d != doc {
			doc = d
			if arrived, err = store.ParseTime(created); err != nil {
				return err
			}
			if prev, err = store.ParseTime(registered); err != nil {
				return err
			}
		}
		p := person(by)
		took := domain.Days(t.Sub(prev))
		p.Steps = append(p.Steps, took)
		all.Steps = append(all.Steps, took)
		if domain.StepKind(kind) == domain.StepDirect {
			d := domain.Days(t.Sub(arrived))
			p.ToDirection = append(p.ToDirection, d)
			all.ToDirection = append(all.ToDirection, d)
		}
		prev = t
	}
	return rows.Err()
}
