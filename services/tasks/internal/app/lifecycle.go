package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// subject is a task as one caller meets it: who they are and where the
// task's units sit.
type subject struct {
	v     domain.Viewer
	t     domain.Task
	place domain.Place
}

// load reads a task for a state change by the caller: a task they may not
// see does not exist (404).
func (a *App) load(ctx context.Context, id string) (subject, error) {
	v, err := viewer(ctx)
	if err != nil {
		return subject{}, err
	}
	t, err := a.repo.Task(ctx, id)
	if err != nil {
		return subject{}, err
	}
	p, err := a.place(ctx, v, t)
	if err != nil {
		return subject{}, err
	}
	if !p.Sees(v) {
		return subject{}, apperr.NotFound("task")
	}
	return subject{v: v, t: t, place: p}, nil
}

func (a *App) place(ctx context.Context, v domain.Viewer, t domain.Task) (domain.Place, error) {
	var p domain.Place
	var err error
	if p.AssignerAgency, err = a.agencyOf(ctx, v, t.AssignerUnitID); err != nil {
		return p, err
	}
	if p.AssigneeAgency, err = a.agencyOf(ctx, v, t.AssigneeUnitID); err != nil {
		return p, err
	}
	if p.AssigneeAgency != "" {
		if p.AssigneeChain, err = a.repo.AssigneeChain(ctx, t.AssigneeUnitID, p.AssigneeAgency); err != nil {
			return p, err
		}
	}
	return p, nil
}

// ref is what every task event says of the task, its class read at now.
func ref(t domain.Task, now time.Time) *eventsv1.TaskRef {
	return &eventsv1.TaskRef{
		TaskId: t.ID, SourceDocumentId: t.SourceDocumentID, PlanItemId: t.PlanItemID, ParentTaskId: t.ParentTaskID,
		AssignerUnitId: t.AssignerUnitID, AssigneeUnitId: t.AssigneeUnitID, Role: string(t.Role), Title: t.Title,
		DueDate: t.DueDate.String(), Urgency: string(t.Urgency), SourceNotation: t.SourceNotation,
		Status: string(t.Status), Class: string(t.Class(now)), Confidentiality: t.Confidentiality,
	}
}

// normal reports whether free text of the task may travel in events.
func normal(t domain.Task) bool { return t.Confidentiality == "" || t.Confidentiality == "normal" }

// emit writes one event about a task (keyed by the task id) in tx.
func (a *App) emit(ctx context.Context, tx *store.Tx, short, taskID string, p proto.Message) error {
	ev, err := envelope.New(ctx, a.source, short, taskID, p)
	if err != nil {
		return err
	}
	return a.outbox.Add(ctx, tx, ev)
}

func (a *App) record(ctx context.Context, tx *store.Tx, t domain.Task, action domain.Action, v domain.Viewer, from domain.Status, note, eventID string) error {
	return a.repo.AddHistory(ctx, tx, domain.HistoryEntry{TaskID: t.ID, Action: action, ActorUserID: v.UserID,
		ActorUnitID: v.UnitID, At: t.UpdatedAt, FromStatus: from, ToStatus: t.Status, Note: note, EventID: eventID})
}

// change runs fn on the current state of task id inside one transaction
// with its history and events, and returns the new state.
func (a *App) change(ctx context.Context, id string, fn func(ctx context.Context, tx *store.Tx, t domain.Task) (domain.Task, error)) (domain.Task, error) {
	var out domain.Task
	err := a.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := a.repo.TaskTx(ctx, tx, id)
		if err != nil {
			return err
		}
		out, err = fn(ctx, tx, t)
		return err
	})
	return out, err
}

// Idempotency-Key handling of the creating POSTs.

const maxIdempotencyKey = 255

type idemKey struct{ caller, key, hash string }

func newIdemKey(v domain.Viewer, key, route string, body any) (idemKey, error) {
	if len(key) > maxIdempotencyKey {
		return idemKey{}, apperr.Invalid("Idempotency-Key is too long",
			apperr.FieldError{Field: "Idempotency-Key", Message: "must be at most 255 characters"})
	}
	b, _ := json.Marshal(body)
	sum := sha256.Sum256(append([]byte(route+"\n"), b...))
	return idemKey{caller: v.UserID, key: key, hash: hex.EncodeToString(sum[:])}, nil
}

// replayed returns the resource a key created before; found is false for
// a new (or absent) key.
func (a *App) replayed(ctx context.Context, k idemKey) (string, bool, error) {
	if k.key == "" {
		return "", false, nil
	}
	hash, id, found, err := a.repo.IdempotentResult(ctx, k.caller, k.key)
	if err != nil || !found {
		return "", false, err
	}
	if hash != k.hash {
		return "", true, apperr.Conflict("this Idempotency-Key was used with a different request", "")
	}
	return id, true, nil
}

func (a *App) saveKey(ctx context.Context, tx *store.Tx, k idemKey, resourceID string) error {
	if k.key == "" {
		return nil
	}
	return a.repo.SaveIdempotencyKey(ctx, tx, k.caller, k.key, k.hash, resourceID)
}

// once runs create unless the key was used; a twin racing on the same key
// loses on the key's primary key and answers the winner's result.
func (a *App) once(ctx context.Context, k idemKey, create func() (string, error)) (string, error) {
	if id, found, err := a.replayed(ctx, k); found || err != nil {
		return id, err
	}
	id, err := create()
	if err != nil && k.key != "" && store.IsUniqueViolation(err) {
		if id, found, rerr := a.replayed(ctx, k); found || rerr != nil {
			return id, rerr
		}
	}
	if err != nil {
		return "", fmt.Errorf("%w", err)
	}
	return id, nil
}
