package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

const authorisationColumns = `id, agency_id, grantor_id, grantor_name, grantee_id, grantee_name, valid_from, valid_to,
	kinds, scope, note, created_at, revoked_at, revoked_by`

func scanAuthorisation(row scanner) (domain.Authorisation, error) {
	var (
		au               domain.Authorisation
		kinds, createdAt string
		revokedAt        sql.NullString
	)
	err := row.Scan(&au.ID, &au.AgencyID, &au.Grantor.UserID, &au.Grantor.FullName, &au.Grantee.UserID,
		&au.Grantee.FullName, &au.From, &au.To, &kinds, &au.Scope, &au.Note, &createdAt, &revokedAt, &au.RevokedBy)
	if err != nil {
		return au, err
	}
	au.Kinds = splitKinds(kinds)
	if au.CreatedAt, err = store.ParseTime(createdAt); err != nil {
		return au, err
	}
	au.RevokedAt, err = parseTimePtr(revokedAt)
	return au, err
}

func joinKinds(ks []domain.Kind) string {
	ss := make([]string, len(ks))
	for i, k := range ks {
		ss[i] = string(k)
	}
	return strings.Join(ss, ",")
}

func splitKinds(s string) []domain.Kind {
	out := []domain.Kind{}
	for _, k := range strings.Split(s, ",") {
		if k != "" {
			out = append(out, domain.Kind(k))
		}
	}
	return out
}

// CreateAuthorisation stores a new authorisation and its events, claiming
// key first in the same transaction: a repeat of the key gets the first
// authorisation's id, replayed.
func (s *Store) CreateAuthorisation(ctx context.Context, key idempotency.Key, au domain.Authorisation, evs []envelope.Event) (string, bool, error) {
	return idempotency.Do(ctx, s.DB, key, func(ctx context.Context, tx *store.Tx) (string, error) {
		_, err := tx.ExecContext(ctx, `INSERT INTO authorisations (`+authorisationColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			au.ID, au.AgencyID, au.Grantor.UserID, au.Grantor.FullName, au.Grantee.UserID, au.Grantee.FullName,
			au.From, au.To, joinKinds(au.Kinds), au.Scope, au.Note, store.FormatTime(au.CreatedAt),
			fmtTimePtr(au.RevokedAt), au.RevokedBy)
		if err != nil {
			return "", fmt.Errorf("insert authorisation: %w", err)
		}
		return au.ID, s.publish(ctx, tx, evs)
	})
}

// UpdateAuthorisation locks authorisation id, runs apply on it and stores
// it with apply's events in one transaction.
func (s *Store) UpdateAuthorisation(ctx context.Context, id string, apply func(*domain.Authorisation) ([]envelope.Event, error)) (domain.Authorisation, error) {
	var au domain.Authorisation
	err := s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		lock := ""
		if tx.Dialect == store.Postgres {
			lock = " FOR UPDATE"
		}
		var err error
		if au, err = s.authorisation(ctx, tx, id, lock); err != nil {
			return err
		}
		evs, err := apply(&au)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE authorisations SET revoked_at = $1, revoked_by = $2 WHERE id = $3`,
			fmtTimePtr(au.RevokedAt), au.RevokedBy, au.ID); err != nil {
			return fmt.Errorf("update authorisation %s: %w", id, err)
		}
		return s.publish(ctx, tx, evs)
	})
	return au, err
}

// Authorisation returns one authorisation or ErrNotFound.
func (s *Store) Authorisation(ctx context.Context, id string) (domain.Authorisation, error) {
	return s.authorisation(ctx, s.DB, id, "")
}

func (s *Store) authorisation(ctx context.Context, q store.Querier, id, suffix string) (domain.Authorisation, error) {
	au, err := scanAuthorisation(q.QueryRowContext(ctx, `SELECT `+authorisationColumns+` FROM authorisations WHERE id = $1`+suffix, id))
	if errors.Is(err, sql.ErrNoRows) {
		return au, fmt.Errorf("authorisation %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return au, fmt.Errorf("authorisation %s: %w", id, err)
	}
	return au, nil
}

// Authorisations lists, newest first, those granted by or to userID, and
// with agencyID set, every one of that agency too.
func (s *Store) Authorisations(ctx context.Context, userID, agencyID string) ([]domain.Authorisation, error) {
	return s.authorisations(ctx, s.DB, `SELECT `+authorisationColumns+` FROM authorisations
		WHERE grantor_id = $1 OR grantee_id = $1 OR ($2 <> '' AND agency_id = $2)
		ORDER BY created_at DESC, id DESC`, userID, agencyID)
}

// authorisationsTo lists those granted to userID that have not ended by
// day (the domain decides which are in force).
func (s *Store) authorisationsTo(ctx context.Context, q store.Querier, userID, day string) ([]domain.Authorisation, error) {
	return s.authorisations(ctx, q, `SELECT `+authorisationColumns+` FROM authorisations
		WHERE grantee_id = $1 AND valid_to >= $2 AND revoked_at IS NULL ORDER BY created_at, id`, userID, day)
}

func (s *Store) authorisations(ctx context.Context, q store.Querier, query string, args ...any) ([]domain.Authorisation, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("authorisations: %w", err)
	}
	defer rows.Close()
	out := []domain.Authorisation{}
	for rows.Next() {
		au, err := scanAuthorisation(rows)
		if err != nil {
			return nil, fmt.Errorf("authorisations: %w", err)
		}
		out = append(out, au)
	}
	return out, rows.Err()
}

// SigningRules returns an agency's signing rules, the defaults when it
// set none.
func (s *Store) SigningRules(ctx context.Context, agencyID string) (domain.SigningRules, error) {
	return s.signingRules(ctx, s.DB, agencyID)
}

func (s *Store) signingRules(ctx context.Context, q store.Querier, agencyID string) (domain.SigningRules, error) {
	var kinds, at string
	r := domain.SigningRules{AgencyID: agencyID}
	err := q.QueryRowContext(ctx, `SELECT tl_kinds, updated_at, updated_by FROM signing_rules WHERE agency_id = $1`,
		agencyID).Scan(&kinds, &at, &r.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.DefaultSigningRules(agencyID), nil
	}
	if err != nil {
		return r, fmt.Errorf("signing rules of %s: %w", agencyID, err)
	}
	r.TLKinds = splitKinds(kinds)
	r.UpdatedAt, err = store.ParseTime(at)
	return r, err
}

// SaveSigningRules stores an agency's signing rules.
func (s *Store) SaveSigningRules(ctx context.Context, r domain.SigningRules) error {
	return s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO signing_rules (agency_id, tl_kinds, updated_at, updated_by)
			VALUES ($1, $2, $3, $4) ON CONFLICT (agency_id) DO UPDATE SET tl_kinds = excluded.tl_kinds,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			r.AgencyID, joinKinds(r.TLKinds), store.FormatTime(r.UpdatedAt), r.UpdatedBy)
		if err != nil {
			return fmt.Errorf("save signing rules of %s: %w", r.AgencyID, err)
		}
		return nil
	})
}

// SignerRules reads, in the step's transaction, the agency's signing
// rules and the authorisations granted to userID not ended by day.
func (b Bound) SignerRules(ctx context.Context, agencyID, userID, day string) (domain.SigningRules, []domain.Authorisation, error) {
	r, err := b.s.signingRules(ctx, b.tx, agencyID)
	if err != nil {
		return r, nil, err
	}
	aus, err := b.s.authorisationsTo(ctx, b.tx, userID, day)
	return r, aus, err
}
