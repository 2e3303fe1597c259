package app

import (
	"context"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The weekly digest goes out on Monday from 07:30 in Vietnam.
const (
	digestWeekday = time.Monday
	digestMinute  = 7*60 + 30
	digestBatch   = 100
	digestItems   = 200
)

// WeekOf is the Monday of the week of day.
func WeekOf(day domain.Date) domain.Date {
	t := day.End()
	back := (int(t.Weekday()) + 6) % 7
	return domain.DateOf(t.AddDate(0, 0, -back))
}

// SendWeeklyDigests sends, on Monday from 07:30 in Vietnam, each leader
// the week's digest (task.weekly_digest): the open tasks of their unit and
// the units below it that are overdue or due by Sunday. Each leader's
// digest is claimed in task_digests in the outbox row's transaction, so it
// goes out once per week across replicas and restarts; a leader with
// nothing to list is claimed and sent nothing. Outside that time it does
// nothing.
func (a *App) SendWeeklyDigests(ctx context.Context, now time.Time) (int, error) {
	local := now.In(domain.Zone)
	if local.Weekday() != digestWeekday || local.Hour()*60+local.Minute() < digestMinute {
		return 0, nil
	}
	return a.sendDigests(ctx, now, false)
}

// SendDigestsNow sends this week's digests that have not gone out yet, at
// an administrator's request (the demo, or a Monday the service was down),
// including to leaders whose digest listed nothing earlier in the week;
// the Monday run then has nothing left to send. It returns how many went.
func (a *App) SendDigestsNow(ctx context.Context) (int, error) {
	p, ok := auth.FromContext(ctx)
	if !ok {
		return 0, apperr.Unauthorized("no caller")
	}
	if !slices.Contains(p.Roles, auth.RoleAdmin) {
		return 0, apperr.Forbidden("only an administrator sends the weekly digests")
	}
	return a.sendDigests(ctx, a.now(), true)
}

// sendDigests sends the week's digests; empty: also to leaders whose
// digest listed nothing before.
func (a *App) sendDigests(ctx context.Context, now time.Time, empty bool) (int, error) {
	today := domain.DateOf(now)
	week := WeekOf(today)
	sunday := domain.DateOf(week.End().AddDate(0, 0, 6))
	trees := map[string]map[string]string{}
	sent, after := 0, ""
	for {
		leaders, err := a.reminders.DigestLeaders(ctx, week, empty, after, digestBatch)
		if err != nil {
			return sent, err
		}
		for _, l := range leaders {
			after = l.UserID
			tree, ok := trees[l.AgencyID]
			if !ok {
				if tree, err = a.reminders.AgencyUnits(ctx, l.AgencyID); err != nil {
					return sent, err
				}
				trees[l.AgencyID] = tree
			}
			items, total, err := a.reminders.DigestTasks(ctx, below(tree, l.UnitID), sunday, digestItems)
			if err != nil {
				return sent, err
			}
			err = a.txs.InTx(ctx, func(ctx context.Context, w Writes) error {
				ok, err := w.Reminders.MarkDigest(ctx, l.UserID, week, total, now)
				if err != nil || !ok || total == 0 {
					return err
				}
				sent++
				return a.emit(ctx, w, events.TaskWeeklyDigest, l.UserID, &eventsv1.TaskWeeklyDigest{
					LeaderUserId: l.UserID, UnitId: l.UnitID, AgencyId: l.AgencyID,
					WeekStart: week.String(), WeekEnd: sunday.String(), Items: refs(items, now), Total: int32(total)})
			})
			if err != nil {
				return sent, err
			}
		}
		if len(leaders) < digestBatch {
			return sent, nil
		}
	}
}

// below is unit and every unit under it in tree (unit → parent).
func below(tree map[string]string, unit string) []string {
	out := []string{unit}
	for changed := true; changed; {
		changed = false
		for id, parent := range tree {
			if slices.Contains(out, parent) && !slices.Contains(out, id) {
				out = append(out, id)
				changed = true
			}
		}
	}
	slices.Sort(out)
	return out
}
