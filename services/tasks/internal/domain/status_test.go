package domain

import "testing"

func TestParseStatus(t *testing.T) {
	for _, s := range []string{"assigned", "in_progress", "awaiting_review", "completed", "cancelled"} {
		if got, err := ParseStatus(s); err != nil || string(got) != s {
			t.Errorf("ParseStatus(%q) = %q, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "Assigned", "done", "overdue"} {
		if _, err := ParseStatus(s); err == nil {
			t.Errorf("ParseStatus(%q) accepted", s)
		}
	}
}

func TestCanMove(t *testing.T) {
	tests := []struct {
		from, to Status
		ok       bool
	}{
		{StatusAssigned, StatusInProgress, true},
		{StatusInProgress, StatusAwaitingReview, true},
		{StatusAwaitingReview, StatusCompleted, true},
		{StatusAwaitingReview, StatusInProgress, true},
		{StatusAssigned, StatusCancelled, true},
		{StatusAssigned, StatusCompleted, false},
		{StatusCompleted, StatusCancelled, false},
		{StatusCancelled, StatusInProgress, false},
		{StatusInProgress, StatusAssigned, false},
	}
	for _, tt := range tests {
		if got := tt.from.CanMove(tt.to); got != tt.ok {
			t.Errorf("%s → %s = %v, want %v", tt.from, tt.to, got, tt.ok)
		}
	}
}

func TestCanSee(t *testing.T) {
	v := Viewer{UserID: "u", UnitID: "div", AgencyID: "agA"}
	tests := []struct {
		name                           string
		viewer                         Viewer
		assignerAgency, assigneeAgency string
		want                           bool
	}{
		{"assigner's agency", v, "agA", "agB", true},
		{"assignee's agency", v, "agB", "agA", true},
		{"foreign", v, "agB", "agC", false},
		{"no agency in token", Viewer{UserID: "admin"}, "", "", false},
	}
	for _, tt := range tests {
		if got := CanSee(tt.viewer, tt.assignerAgency, tt.assigneeAgency); got != tt.want {
			t.Errorf("%s: CanSee = %v", tt.name, got)
		}
	}
	if a, ok := v.KnownAgency("agA"); !ok || a != "agA" {
		t.Error("the agency unit is its own agency")
	}
	if a, ok := v.KnownAgency("div"); !ok || a != "agA" {
		t.Error("the caller's unit is in the caller's agency")
	}
	if _, ok := v.KnownAgency("other"); ok {
		t.Error("other units need the tree")
	}
}
