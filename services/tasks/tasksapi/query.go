package tasksapi

import "net/url"

// TaskQuery is the query of GET /v1/tasks, each parameter as given (the
// server checks them): box (inbox, outbox), status, source_document_id,
// overdue (true, false), assignee (me), limit and cursor.
type TaskQuery struct {
	Box              string
	Status           string
	SourceDocumentID string
	Overdue          string
	Assignee         string
	Limit            string
	Cursor           string
}

var taskQueryNames = []string{"box", "status", "source_document_id", "overdue", "assignee", "limit", "cursor"}

func (q *TaskQuery) fields() []*string {
	return []*string{&q.Box, &q.Status, &q.SourceDocumentID, &q.Overdue, &q.Assignee, &q.Limit, &q.Cursor}
}

// Values is q as a URL query, empty parameters left out.
func (q TaskQuery) Values() url.Values {
	v := url.Values{}
	for i, f := range q.fields() {
		if *f != "" {
			v.Set(taskQueryNames[i], *f)
		}
	}
	return v
}

// ParseTaskQuery reads a TaskQuery from a URL query.
func ParseTaskQuery(v url.Values) TaskQuery {
	var q TaskQuery
	for i, f := range q.fields() {
		*f = v.Get(taskQueryNames[i])
	}
	return q
}

// StatsQuery is the query of GET /v1/stats/units: the period from..to
// (YYYY-MM-DD) and what puts a task in it, By "due" (its due date, the
// default) or "completed" (its completion).
type StatsQuery struct{ From, To, By string }

// Values is q as a URL query.
func (q StatsQuery) Values() url.Values {
	v := url.Values{"from": {q.From}, "to": {q.To}}
	if q.By != "" {
		v.Set("by", q.By)
	}
	return v
}

// ParseStatsQuery reads a StatsQuery from a URL query.
func ParseStatsQuery(v url.Values) StatsQuery {
	return StatsQuery{From: v.Get("from"), To: v.Get("to"), By: v.Get("by")}
}

// AnalyticsQuery is the query of GET /v1/analytics/tasks, each parameter
// as given: from, to (YYYY-MM-DD), group (unit, person), unit_id, user_id,
// open_tasks (true to list the open tasks), format (json, xlsx).
type AnalyticsQuery struct {
	From, To, Group, UnitID, UserID, OpenTasks, Format string
}

var analyticsQueryNames = []string{"from", "to", "group", "unit_id", "user_id", "open_tasks", "format"}

func (q *AnalyticsQuery) fields() []*string {
	return []*string{&q.From, &q.To, &q.Group, &q.UnitID, &q.UserID, &q.OpenTasks, &q.Format}
}

// Values is q as a URL query, empty parameters left out.
func (q AnalyticsQuery) Values() url.Values {
	v := url.Values{}
	for i, f := range q.fields() {
		if *f != "" {
			v.Set(analyticsQueryNames[i], *f)
		}
	}
	return v
}

// ParseAnalyticsQuery reads an AnalyticsQuery from a URL query.
func ParseAnalyticsQuery(v url.Values) AnalyticsQuery {
	var q AnalyticsQuery
	for i, f := range q.fields() {
		*f = v.Get(analyticsQueryNames[i])
	}
	return q
}
