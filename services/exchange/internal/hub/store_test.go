package hub_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
)

func TestStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, err := hub.NewStore(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		// First use registers; later uses must match.
		for _, c := range []struct{ sys, secret string }{{"A", "sa"}, {"B", "sb"}, {"A", "sa"}} {
			if err := s.Authenticate(ctx, c.sys, c.secret); err != nil {
				t.Fatalf("Authenticate(%s): %v", c.sys, err)
			}
		}
		if err := s.Authenticate(ctx, "A", "sb"); !errors.Is(err, hub.ErrBadSecret) {
			t.Fatalf("wrong secret: %v", err)
		}
		if err := s.Announce(ctx, "A", []string{"000.00.00.H41", "000.01.00.H41"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Announce(ctx, "B", []string{"000.00.00.H49", "000.00.00.H41"}); !errors.Is(err, hub.ErrCodeTaken) {
			t.Fatalf("announcing A's code: %v", err)
		}
		if err := s.Announce(ctx, "B", []string{"000.00.00.H49"}); err != nil {
			t.Fatal(err)
		}
		// A re-announcement drops the codes not named again.
		if err := s.Announce(ctx, "A", []string{"000.00.00.H41"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Send(ctx, hub.Incoming{System: "B", Key: "k0", Type: "edoc", To: "000.01.00.H41", Body: []byte("x")}); !errors.Is(err, hub.ErrUnknownRecipient) {
			t.Fatalf("send to a dropped code: %v", err)
		}

		edoc := hub.Incoming{System: "A", Key: "k1", Type: "edoc", From: "000.00.00.H41", To: "000.00.00.H49", DocumentID: "d1", Body: []byte("<edXML/>")}
		id, err := s.Send(ctx, edoc)
		if err != nil {
			t.Fatal(err)
		}
		again := edoc
		again.Body = []byte("<edXML>other</edXML>")
		if id2, err := s.Send(ctx, again); err != nil || id2 != id {
			t.Fatalf("same key again: %q, %v; want %q", id2, err, id)
		}
		again.Key = "k2" // another key, same package for the same recipient
		if id2, err := s.Send(ctx, again); err != nil || id2 != id {
			t.Fatalf("same DocumentId again: %q, %v; want %q", id2, err, id)
		}
		status := hub.Incoming{System: "A", Key: "k3", Type: "status", From: "000.00.00.H41", To: "000.00.00.H49", DocumentID: "d1", Body: []byte("<s/>")}
		sid, err := s.Send(ctx, status)
		if err != nil || sid == id {
			t.Fatalf("status about d1: %q, %v (a status is not the package)", sid, err)
		}

		got, err := s.Received(ctx, "B", "", 10)
		if err != nil || len(got) != 2 || got[0].ID != id || got[1].ID != sid {
			t.Fatalf("Received = %+v, %v", got, err)
		}
		if got, _ := s.Received(ctx, "B", "status", 10); len(got) != 1 || got[0].ID != sid {
			t.Fatalf("Received(status) = %+v", got)
		}
		if got, _ := s.Received(ctx, "A", "", 10); len(got) != 0 {
			t.Fatalf("A received %+v", got)
		}
		_, body, err := s.Message(ctx, "B", id)
		if err != nil || string(body) != "<edXML/>" {
			t.Fatalf("Message = %q, %v", body, err)
		}
		if _, _, err := s.Message(ctx, "C", id); !errors.Is(err, hub.ErrNotFound) {
			t.Fatalf("a third system read the message: %v", err)
		}
		if err := s.UpdateStatus(ctx, "A", id, hub.StatusDone, ""); !errors.Is(err, hub.ErrNotFound) {
			t.Fatalf("the sender acknowledged its own message: %v", err)
		}
		if err := s.UpdateStatus(ctx, "B", id, hub.StatusDone, ""); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Received(ctx, "B", "", 10); len(got) != 1 || got[0].ID != sid {
			t.Fatalf("after done, Received = %+v", got)
		}
		m, err := s.Sent(ctx, id)
		if err != nil || m.Status != hub.StatusDone {
			t.Fatalf("Sent = %+v, %v", m, err)
		}

		// Purge empties finished messages' bodies only, and keeps their rows.
		if n, err := s.Purge(ctx, m.UpdatedAt); err != nil || n != 0 {
			t.Fatalf("Purge before the message finished = %d, %v", n, err)
		}
		if n, err := s.Purge(ctx, time.Now().Add(time.Minute)); err != nil || n != 1 {
			t.Fatalf("Purge = %d, %v; want the done message alone", n, err)
		}
		if _, body, err := s.Message(ctx, "B", id); err != nil || len(body) != 0 {
			t.Fatalf("purged message: %q, %v", body, err)
		}
		if _, body, _ := s.Message(ctx, "B", sid); string(body) != "<s/>" {
			t.Fatalf("the pending status lost its body: %q", body)
		}
		if id2, err := s.Send(ctx, edoc); err != nil || id2 != id {
			t.Fatalf("a repeat after the purge: %q, %v; want %q", id2, err, id)
		}
	})
}
