package domain

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Limits of free text, in characters.
const (
	MaxSummary = 4000
	MaxResult  = 20000
	MaxNote    = 4000
)

func checkText(v *apperr.Validator, field, s string, required bool, max int) {
	if required && strings.TrimSpace(s) == "" {
		v.Add(field, "is required")
		return
	}
	v.Check(utf8.RuneCountInString(s) <= max, field, "is too long")
}

// ReportInput is a report as a unit submits it.
type ReportInput struct {
	ProgressPercent *int
	Summary         string
	Result          string
	Final           *bool
}

// NewReport checks in and builds the report of author on task.
func NewReport(in ReportInput, id, taskID, userID, unitID string, now time.Time) (Report, error) {
	var v apperr.Validator
	v.Check(in.ProgressPercent != nil, "progress_percent", "is required")
	if in.ProgressPercent != nil {
		v.Check(*in.ProgressPercent >= 0 && *in.ProgressPercent <= 100, "progress_percent", "must be 0 to 100")
	}
	checkText(&v, "summary", in.Summary, true, MaxSummary)
	checkText(&v, "result", in.Result, false, MaxResult)
	v.Check(in.Final != nil, "final", "is required")
	if err := v.Err(); err != nil {
		return Report{}, err
	}
	return Report{ID: id, TaskID: taskID, AuthorUserID: userID, AuthorUnitID: unitID, ProgressPercent: *in.ProgressPercent,
		Summary: strings.TrimSpace(in.Summary), Result: in.Result, Final: *in.Final, SubmittedAt: now.UTC()}, nil
}

// ParseDecision accepts accepted and returned; returned needs a comment
// (the unit must learn what to fix).
func ParseDecision(decision, comment string) (ReviewDecision, error) {
	var v apperr.Validator
	d := ReviewDecision(decision)
	v.Check(d == ReviewAccepted || d == ReviewReturned, "decision", "must be accepted or returned")
	v.Check(d != ReviewReturned || strings.TrimSpace(comment) != "", "comment", "is required when returning a report")
	checkText(&v, "comment", comment, false, MaxNote)
	return d, v.Err()
}

// ParseDueDate reads a due date field of a request.
func ParseDueDate(v *apperr.Validator, field, s string) Date {
	if s == "" {
		v.Add(field, "is required")
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		v.Add(field, err.Error())
	}
	return d
}
