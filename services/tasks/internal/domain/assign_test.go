package domain

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

func seqIDs() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("t%d", n) }
}

func TestTasksFor(t *testing.T) {
	now := at("2025-03-01T09:00:00+07:00")
	base := IssuedDocument{
		DocumentID: "d1", Kind: "directive", Notation: "07/CT-UBND", IssuerUnitID: "ubnd",
		RecipientUnitIDs: []string{"sttt", "sct"}, Urgency: "urgent", Confidentiality: "normal",
		Summary: "Nâng cao chỉ số PAPI", DueDate: "2025-03-31", IssuedBy: "clerk1",
	}
	with := func(f func(*IssuedDocument)) IssuedDocument { d := base; f(&d); return d }
	tests := []struct {
		name      string
		doc       IssuedDocument
		assignees []string
		title     string
		invalid   bool
	}{
		{"one per recipient", base, []string{"sttt", "sct"}, "Xử lý Chỉ thị số 07/CT-UBND: Nâng cao chỉ số PAPI", false},
		{"a plan assigns per item, not here", with(func(d *IssuedDocument) { d.Kind = "plan" }), nil, "", false},
		{"no due date, no task", with(func(d *IssuedDocument) { d.DueDate = "" }), nil, "", false},
		{"duplicates and the issuer are skipped", with(func(d *IssuedDocument) { d.RecipientUnitIDs = []string{"sttt", "ubnd", "sttt", "", "sct"} }), []string{"sttt", "sct"}, "", false},
		{"no recipients", with(func(d *IssuedDocument) { d.RecipientUnitIDs = nil }), nil, "", false},
		{"confidential: notation only", with(func(d *IssuedDocument) { d.Confidentiality = "confidential"; d.Summary = "" }), []string{"sttt", "sct"}, "Xử lý Chỉ thị số 07/CT-UBND", false},
		{"confidential with a stray summary: notation only", with(func(d *IssuedDocument) { d.Confidentiality = "secret" }), []string{"sttt", "sct"}, "Xử lý Chỉ thị số 07/CT-UBND", false},
		{"bad due date", with(func(d *IssuedDocument) { d.DueDate = "2025-02-30" }), nil, "", true},
		{"no document id", with(func(d *IssuedDocument) { d.DocumentID = "" }), nil, "", true},
		{"no issuer", with(func(d *IssuedDocument) { d.IssuerUnitID = "" }), nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TasksFor(tt.doc, now, seqIDs())
			if tt.invalid {
				if !errors.Is(err, apperr.ErrInvalid) || got != nil {
					t.Fatalf("got %v, %v; want ErrInvalid", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.assignees) {
				t.Fatalf("got %d tasks, want %d", len(got), len(tt.assignees))
			}
			for i, task := range got {
				if task.AssigneeUnitID != tt.assignees[i] {
					t.Errorf("task %d assignee %s, want %s", i, task.AssigneeUnitID, tt.assignees[i])
				}
				if task.AssignerUnitID != "ubnd" || task.Role != RoleLead || task.Status != StatusAssigned ||
					task.SourceDocumentID != "d1" || task.DueDate.String() != "2025-03-31" ||
					task.Urgency != UrgencyUrgent || task.SourceNotation != "07/CT-UBND" ||
					task.Origin != OriginDocument || task.PlanItemID != "" || task.ParentTaskID != "" ||
					!task.CreatedAt.Equal(now) || task.CreatedAt.Location() != time.UTC {
					t.Errorf("task %d = %+v", i, task)
				}
				if tt.title != "" && task.Title != tt.title {
					t.Errorf("title %q, want %q", task.Title, tt.title)
				}
			}
		})
	}
}

func TestParseUrgency(t *testing.T) {
	for in, want := range map[string]Urgency{"": UrgencyNormal, "normal": UrgencyNormal, "urgent": UrgencyUrgent,
		"very_urgent": UrgencyVeryUrgent, "flash": UrgencyFlash, "someday": UrgencyNormal} {
		if got := ParseUrgency(in); got != want {
			t.Errorf("ParseUrgency(%q) = %s, want %s", in, got, want)
		}
	}
}
