package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

func newApp(t *testing.T, db *store.DB, now time.Time) *app.App {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := taskstore.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return app.New(app.Config{DB: db, Repos: taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{})).Repos(),
		Source: "/eoffice/tasks", Now: func() time.Time { return now }})
}

func TestListTasksUseCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2025, 4, 1, 0, 0, 0, 0, domain.Zone) // the day after the due date
		a := newApp(t, db, now)
		ctx := context.Background()
		doc := domain.IssuedDocument{DocumentID: "d1", Kind: "directive", Notation: "07/CT-UBND", IssuerUnitID: "ubnd",
			RecipientUnitIDs: []string{"a", "b", "c"}, DueDate: "2025-03-31"}
		var created []domain.Task
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			var err error
			created, err = a.AssignFromDocument(ctx, writes(db, tx), doc, "ev-1")
			return err
		}); err != nil || len(created) != 3 {
			t.Fatalf("created %d, %v", len(created), err)
		}
		as := func(unit string) context.Context {
			return auth.NewContext(ctx, auth.Principal{Subject: "u", UnitID: unit, AgencyID: unit})
		}

		if _, err := a.ListTasks(ctx, app.ListTasksRequest{Box: "inbox", Limit: 10}); !errors.Is(err, apperr.ErrUnauthorized) {
			t.Fatalf("no caller: %v", err)
		}
		page, err := a.ListTasks(auth.NewContext(ctx, auth.Principal{Subject: "admin"}), app.ListTasksRequest{Box: "outbox", Limit: 10})
		if err != nil || page.Items == nil || len(page.Items) != 0 || page.Next != nil {
			t.Fatalf("caller without a unit: %+v, %v", page, err)
		}

		// Pages of two, newest first, with the class read at now.
		var seen []string
		req := app.ListTasksRequest{Box: "outbox", Limit: 2}
		for {
			page, err := a.ListTasks(as("ubnd"), req)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range page.Items {
				if v.Class != domain.ClassOpenOverdue {
					t.Errorf("class %s, want open_overdue the day after", v.Class)
				}
				seen = append(seen, v.AssigneeUnitID)
			}
			if page.Next == nil {
				break
			}
			req.Cursor = page.Next.Parts()
		}
		if len(seen) != 3 {
			t.Fatalf("walked %v", seen)
		}

		for name, req := range map[string]app.ListTasksRequest{
			"no box":       {Limit: 10},
			"bad status":   {Box: "inbox", Status: "late", Limit: 10},
			"bad overdue":  {Box: "inbox", Overdue: "1", Limit: 10},
			"zero limit":   {Box: "inbox"},
			"short cursor": {Box: "inbox", Limit: 10, Cursor: []string{"x"}},
		} {
			if _, err := a.ListTasks(as("a"), req); !errors.Is(err, apperr.ErrInvalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

func TestGetTaskWithoutDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newApp(t, db, time.Now())
		ctx := context.Background()
		var created []domain.Task
		if err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			var err error
			created, err = a.AssignFromDocument(ctx, writes(db, tx), domain.IssuedDocument{DocumentID: "d1", Kind: "notice",
				IssuerUnitID: "ubnd", RecipientUnitIDs: []string{"div"}, DueDate: "2030-01-01"}, "ev")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		id := created[0].ID
		// The token settles it: the caller's agency is the assigner.
		d, err := a.GetTask(auth.NewContext(ctx, auth.Principal{Subject: "u", UnitID: "ubnd-vp", AgencyID: "ubnd"}), id)
		if err != nil || d.ID != id || d.Class != domain.ClassOpenWithinDeadline || len(d.History) != 1 || d.Reports == nil {
			t.Fatalf("assigner's staff: %+v, %v", d, err)
		}
		// "div" is unknown to the tree and no directory is wired: the answer
		// is "retry", never a guess.
		_, err = a.GetTask(auth.NewContext(ctx, auth.Principal{Subject: "u", UnitID: "x", AgencyID: "agx"}), id)
		if !errors.Is(err, apperr.ErrUnavailable) {
			t.Fatalf("unknown unit without a directory: %v", err)
		}
	})
}

// writes is the store's write ports in tx, as the consumer hands them to
// the event use cases.
func writes(db *store.DB, tx *store.Tx) app.Writes {
	return taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{})).In(tx)
}
