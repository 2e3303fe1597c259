package domain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Phản ánh":             "phan anh",
		"ĐẨY MẠNH đường":       "day manh duong",
		"Thượng khẩn, Hỏa tốc": "thuong khan, hoa toc",
		"PAPI 2026":            "papi 2026",
		"ưu tiên ỹ":            "uu tien y",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlanItemsValidation(t *testing.T) {
	ok := func() PlanItem {
		return PlanItem{Title: "Tuyên truyền", LeadUnitID: "B", CooperatingUnitIDs: []string{"C"}, DueDate: "2020-01-31"}
	}
	tests := []struct {
		name  string
		kind  string
		items func() []PlanItem
		field string
	}{
		{"valid, past due date allowed", "plan", func() []PlanItem { return []PlanItem{ok()} }, ""},
		{"items on a directive", "directive", func() []PlanItem { return []PlanItem{ok()} }, "items"},
		{"no title", "plan", func() []PlanItem { it := ok(); it.Title = " "; return []PlanItem{it} }, "items[0].title"},
		{"long description", "plan", func() []PlanItem { it := ok(); it.Description = strings.Repeat("a", 4001); return []PlanItem{it} }, "items[0].description"},
		{"no lead", "plan", func() []PlanItem { it := ok(); it.LeadUnitID = ""; return []PlanItem{it} }, "items[0].lead_unit_id"},
		{"lead cooperates", "plan", func() []PlanItem { it := ok(); it.CooperatingUnitIDs = []string{"B"}; return []PlanItem{it} }, "items[0].cooperating_unit_ids"},
		{"bad date", "plan", func() []PlanItem { it := ok(); it.DueDate = "2026-13-01"; return []PlanItem{it} }, "items[0].due_date"},
		{"bad cadence", "plan", func() []PlanItem { it := ok(); it.ReportCadence = "daily"; return []PlanItem{it} }, "items[0].report_cadence"},
		{"weekly", "plan", func() []PlanItem { it := ok(); it.ReportCadence = "weekly"; return []PlanItem{it} }, ""},
		{"fixed dates", "plan", func() []PlanItem { it := ok(); it.ReportCadence = "dates:2026-03-31,2026-06-30"; return []PlanItem{it} }, ""},
		{"bad fixed date", "plan", func() []PlanItem { it := ok(); it.ReportCadence = "dates:2026-02-30"; return []PlanItem{it} }, "items[0].report_cadence"},
		{"no fixed date", "plan", func() []PlanItem { it := ok(); it.ReportCadence = "dates:"; return []PlanItem{it} }, "items[0].report_cadence"},
		{"indicator without name", "plan", func() []PlanItem { it := ok(); it.Indicator = &Indicator{Target: "7"}; return []PlanItem{it} }, "items[0].indicator.name"},
		{"2000 items", "plan", func() []PlanItem { return repeatItem(ok(), 2000) }, ""},
		{"2001 items", "plan", func() []PlanItem { return repeatItem(ok(), 2001) }, "items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := DraftInput{Kind: tt.kind, Summary: "KH", Items: tt.items()}
			in.Normalize()
			err := in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if in.Recipients[0] != "B" || in.Recipients[1] != "C" || len(in.Recipients) != 2 {
					t.Fatalf("item units not added as recipients: %v", in.Recipients)
				}
				return
			}
			e, _ := apperr.As(err)
			if e == nil || e.Fields[0].Field != tt.field {
				t.Fatalf("err %v, want field %s", err, tt.field)
			}
		})
	}
}

func repeatItem(it PlanItem, n int) []PlanItem {
	out := make([]PlanItem, n)
	for i := range out {
		out[i] = it
	}
	return out
}

func TestReceiptSteps(t *testing.T) {
	d := docIn(t, StatusIssued, ConfidentialityNormal)
	unitB1 := Unit{ID: "B-1", AgencyID: "B", Active: true}
	tests := []struct {
		name   string
		status ReceiptStatus
		act    func(r *Receipt) error
		want   error
		after  ReceiptStatus
	}{
		{"clerk registers", ReceiptReceived, func(r *Receipt) error { _, err := r.Register(clerkB, d, 3, testNow); return err }, nil, ReceiptRegistered},
		{"leader may not register", ReceiptReceived, func(r *Receipt) error { _, err := r.Register(leaderB, d, 3, testNow); return err }, apperr.ErrForbidden, ReceiptReceived},
		{"issuer's clerk may not register", ReceiptReceived, func(r *Receipt) error { _, err := r.Register(clerkA, d, 3, testNow); return err }, apperr.ErrForbidden, ReceiptReceived},
		{"twice", ReceiptRegistered, func(r *Receipt) error { _, err := r.Register(clerkB, d, 3, testNow); return err }, apperr.ErrConflict, ReceiptRegistered},
		{"direct before registration", ReceiptReceived, func(r *Receipt) error {
			_, err := r.Direct(leaderB, d, "s1", DirectionInput{LeadUnitID: "B-1", DueDate: "2025-01-31"}, []Unit{unitB1}, testNow)
			return err
		}, apperr.ErrConflict, ReceiptReceived},
		{"leader directs", ReceiptRegistered, func(r *Receipt) error {
			_, err := r.Direct(leaderB, d, "s1", DirectionInput{LeadUnitID: "B-1", DueDate: "2025-01-31"}, []Unit{unitB1}, testNow)
			return err
		}, nil, ReceiptDirected},
		{"lead outside the agency", ReceiptRegistered, func(r *Receipt) error {
			_, err := r.Direct(leaderB, d, "s1", DirectionInput{LeadUnitID: "A-KT", DueDate: "2025-01-31"}, []Unit{unitAKT}, testNow)
			return err
		}, apperr.ErrInvalid, ReceiptRegistered},
		{"clerk may not direct", ReceiptRegistered, func(r *Receipt) error {
			_, err := r.Direct(clerkB, d, "s1", DirectionInput{LeadUnitID: "B-1", DueDate: "2025-01-31"}, []Unit{unitB1}, testNow)
			return err
		}, apperr.ErrForbidden, ReceiptRegistered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Receipt{DocumentID: d.ID, AgencyID: "B", Status: tt.status}
			err := tt.act(&r)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if r.Status != tt.after {
				t.Fatalf("status %s, want %s", r.Status, tt.after)
			}
		})
	}
	revoked := d
	if _, err := revoked.Revoke(leaderA, "thay thế", testNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r := Receipt{DocumentID: d.ID, AgencyID: "B", Status: ReceiptReceived}
	if _, err := r.Register(clerkB, revoked, 1, testNow); !errors.Is(err, apperr.ErrConflict) {
		t.Fatalf("register a revoked document: %v", err)
	}
}
