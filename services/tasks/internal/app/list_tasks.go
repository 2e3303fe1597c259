package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ListTasksRequest is a box query as the caller gave it.
type ListTasksRequest struct {
	Box              string
	Status           string
	SourceDocumentID string
	Overdue          string // "", "true" or "false"
	// Assignee "me" keeps the inbox's tasks named to the caller.
	Assignee string
	Limit    int
	Cursor   []string // from httpx.ParsePage; nil on the first page
}

// TaskPage is one page of a box; Next is nil on the last page.
type TaskPage struct {
	Items []TaskView
	Next  *Cursor
}

// ListTasks lists the caller's inbox or outbox, newest first. The caller's
// unit and agency come from the token, so a unit the tree does not know yet
// still sees its own tasks.
func (a *App) ListTasks(ctx context.Context, req ListTasksRequest) (TaskPage, error) {
	v, err := viewer(ctx)
	if err != nil {
		return TaskPage{}, err
	}
	now := a.now()
	q := TaskQuery{Viewer: v, SourceDocumentID: req.SourceDocumentID, Limit: req.Limit, OverdueBefore: domain.OverdueBefore(now)}
	var val apperr.Validator
	box, ok := domain.ParseBox(req.Box)
	val.Check(ok, "box", "must be inbox or outbox")
	q.Box = box
	if req.Status != "" {
		st, err := domain.ParseStatus(req.Status)
		if err != nil {
			val.Add("status", err.Error())
		}
		q.Status = st
	}
	switch req.Overdue {
	case "":
	case "true", "false":
		b := req.Overdue == "true"
		q.Overdue = &b
	default:
		val.Add("overdue", "must be true or false")
	}
	switch req.Assignee {
	case "":
	case "me":
		val.Check(box == domain.BoxInbox, "assignee", "is for box=inbox only")
		q.AssigneeUserID = v.UserID
	default:
		val.Add("assignee", "must be me")
	}
	val.Check(req.Limit >= 1, "limit", "must be at least 1")
	if req.Cursor != nil {
		c, err := ParseCursor(req.Cursor)
		if err != nil {
			val.Add("cursor", "is not a cursor this server gave")
		}
		q.After = &c
	}
	if err := val.Err(); err != nil {
		return TaskPage{}, err
	}
	if v.UnitID == "" {
		// The bootstrap administrator and integration clients belong to no
		// unit: nothing is theirs.
		return TaskPage{Items: []TaskView{}}, nil
	}
	q.Limit = req.Limit + 1
	tasks, err := a.tasks.Tasks(ctx, q)
	if err != nil {
		return TaskPage{}, err
	}
	page := TaskPage{Items: make([]TaskView, 0, len(tasks))}
	if len(tasks) > req.Limit {
		tasks = tasks[:req.Limit]
		last := tasks[len(tasks)-1]
		page.Next = &Cursor{CreatedAt: last.CreatedAt, ID: last.ID}
	}
	for _, t := range tasks {
		page.Items = append(page.Items, a.view(t, now))
	}
	return page, nil
}

// Parts is the cursor as the opaque strings httpx.EncodeCursor packs.
func (c Cursor) Parts() []string {
	return []string{c.CreatedAt.UTC().Format(time.RFC3339Nano), c.ID}
}

// ParseCursor reads Parts back.
func ParseCursor(parts []string) (Cursor, error) {
	if len(parts) != 2 || parts[1] == "" {
		return Cursor{}, apperr.Invalid("bad cursor")
	}
	t, err := time.Parse(time.RFC3339Nano, parts[0])
	if err != nil {
		return Cursor{}, apperr.Invalid("bad cursor")
	}
	return Cursor{CreatedAt: t, ID: parts[1]}, nil
}
