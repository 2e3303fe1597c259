package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// WeeklyDigest are the facts of a task.weekly_digest event.
type WeeklyDigest struct {
	LeaderUserID string
	UnitID       string
	WeekStart    string
	WeekEnd      string
	// Items with Overdue set are overdue; the others are due this week.
	Items []DigestItem
	Total int
}

// DigestItem is one task of a digest.
type DigestItem struct {
	Task
	Overdue bool
}

// WeeklyDigest tells one leader, on Monday morning, of their units'
// overdue tasks and those due this week (once per leader and week: the
// tasks service sends it once, and the event id keeps a redelivery from
// repeating it). A leader who left is not told.
func (n *Notifier) WeeklyDigest(ctx context.Context, st NotifyStore, ev Event, d WeeklyDigest) error {
	p, err := st.Person(ctx, d.LeaderUserID)
	if errors.Is(err, domain.ErrNotFound) {
		if n.now().Sub(ev.Time) < n.maxLag {
			return fmt.Errorf("digest of %s: %w: %w", d.LeaderUserID, ErrRecipientsNotYetKnown, recipients.ErrUnknownPerson)
		}
		n.log.WarnContext(ctx, "digest of a person unknown to the directory; nobody told", "user_id", d.LeaderUserID, "event_id", ev.ID)
		return nil
	}
	if err != nil {
		return err
	}
	unit, err := recipients.New(st).Unit(ctx, d.UnitID)
	if err != nil {
		return fmt.Errorf("digest of %s: %w", d.LeaderUserID, lag(err))
	}
	var overdue, week []Task
	for _, it := range d.Items {
		if it.Overdue {
			overdue = append(overdue, it.Task)
		} else {
			week = append(week, it.Task)
		}
	}
	msg := templates.WeeklyDigest{UnitName: unitName(unit), WeekStart: d.WeekStart, WeekEnd: d.WeekEnd, Total: d.Total}
	if msg.Overdue, err = n.items(ctx, st, overdue); err != nil {
		return err
	}
	if msg.DueThisWeek, err = n.items(ctx, st, week); err != nil {
		return err
	}
	return n.notify(ctx, st, ev, domain.TypeTaskWeeklyDigest, "digest of "+d.LeaderUserID, recipients.Reachable([]domain.Person{p}),
		msg.Render(), domain.UrgencyNormal)
}
