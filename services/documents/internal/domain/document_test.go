package domain

import (
	"errors"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

func TestDraftValidation(t *testing.T) {
	ok := DraftInput{Kind: "directive", Summary: "Nâng cao chỉ số PAPI", Recipients: []string{"B"}, DueDate: "2024-02-29"}
	tests := []struct {
		name   string
		edit   func(*DraftInput)
		fields []string
	}{
		{"valid", func(*DraftInput) {}, nil},
		{"every API kind", func(in *DraftInput) { in.Kind = "official_letter" }, nil},
		{"a Decree 30 kind", func(in *DraftInput) { in.Kind = "minutes" }, nil},
		{"unknown kind", func(in *DraftInput) { in.Kind = "memo" }, []string{"kind"}},
		{"missing kind", func(in *DraftInput) { in.Kind = "" }, []string{"kind"}},
		{"missing summary", func(in *DraftInput) { in.Summary = "  " }, []string{"summary"}},
		{"summary of 500 characters", func(in *DraftInput) { in.Summary = strings.Repeat("ả", 500) }, nil},
		{"summary too long", func(in *DraftInput) { in.Summary = strings.Repeat("ả", 501) }, []string{"summary"}},
		{"body too long", func(in *DraftInput) { in.Body = strings.Repeat("x", MaxBody+1) }, []string{"body"}},
		{"unknown urgency", func(in *DraftInput) { in.Urgency = "asap" }, []string{"urgency"}},
		{"unknown confidentiality", func(in *DraftInput) { in.Confidentiality = "private" }, []string{"confidentiality"}},
		{"no recipients", func(in *DraftInput) { in.Recipients = nil }, []string{"recipients"}},
		{"duplicate recipient", func(in *DraftInput) { in.Recipients = []string{"B", "C", "B"} }, []string{"recipients"}},
		{"empty recipient", func(in *DraftInput) { in.Recipients = []string{""} }, []string{"recipients"}},
		{"not a date", func(in *DraftInput) { in.DueDate = "31/12/2024" }, []string{"due_date"}},
		{"no such day", func(in *DraftInput) { in.DueDate = "2023-02-29" }, []string{"due_date"}},
		{"two problems", func(in *DraftInput) { in.Kind, in.Urgency = "x", "y" }, []string{"kind", "urgency"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			in.Normalize()
			err := in.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			e, isApp := apperr.As(err)
			if !errors.Is(err, apperr.ErrInvalid) || !isApp {
				t.Fatalf("err = %v, want invalid", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestNewDraft(t *testing.T) {
	in := DraftInput{Kind: "plan", Summary: " Kế hoạch ", Recipients: []string{"B", "A-KT"}, DueDate: "2025-03-31"}
	d, err := NewDraft("d1", in, drafter, []Unit{unitB, unitAKT}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != StatusDraft || d.IssuerUnitID != "A" || d.DraftingUnitID != "A-KT" || d.Summary != "Kế hoạch" ||
		d.Urgency != UrgencyNormal || d.Confidentiality != ConfidentialityNormal || d.Drafter.FullName != drafter.Name {
		t.Fatalf("draft = %+v", d)
	}
	if got := d.RecipientIDs(); len(got) != 2 || got[0] != "B" || d.Recipients[1].AgencyID != "A" {
		t.Fatalf("recipients = %+v", d.Recipients)
	}
	for _, a := range []Actor{adminNoUnit, {UserID: "x", UnitID: "A", AgencyID: "A", Roles: []string{"admin"}}} {
		if _, err := NewDraft("d2", in, a, []Unit{unitB, unitAKT}, testNow); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("%+v drafting: %v", a, err)
		}
	}
}

func TestNotation(t *testing.T) {
	sttt := Unit{ID: "S", ShortName: "STTTT", Kind: UnitAgency}
	tests := []struct {
		kind     Kind
		n        int64
		drafting Unit
		want     string
	}{
		{KindDirective, 7, unitA, "07/CT-UBND"},
		{KindPlan, 15, sttt, "15/KH-STTTT"},
		{KindDecision, 1, unitA, "01/QĐ-UBND"},
		{KindSubmission, 10, unitA, "10/TTr-UBND"},
		{"provision", 3, unitA, "03/QyĐ-UBND"},
		{KindOfficialLetter, 123, unitAKT, "123/UBND-KT"},
		{KindOfficialLetter, 4, unitA, "04/UBND"},
	}
	for _, tt := range tests {
		issuer := unitA
		if tt.drafting.ID == "S" {
			issuer = sttt
		}
		if got := Notation(tt.kind, tt.n, issuer, tt.drafting); got != tt.want {
			t.Errorf("Notation(%s, %d) = %q, want %q", tt.kind, tt.n, got, tt.want)
		}
	}
}

func TestKindTable(t *testing.T) {
	abbrs := map[string]bool{}
	for _, k := range Kinds() {
		if abbrs[k.Abbreviation] {
			t.Errorf("abbreviation %q twice", k.Abbreviation)
		}
		abbrs[k.Abbreviation] = true
	}
	for _, a := range strings.Fields("NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB") {
		if !abbrs[a] {
			t.Errorf("Phụ lục III abbreviation %s missing", a)
		}
	}
	api := map[Kind]string{KindDirective: "CT", KindPlan: "KH", KindReport: "BC", KindDecision: "QĐ",
		KindNotice: "TB", KindSubmission: "TTr", KindInvitation: "GM", KindOfficialLetter: ""}
	for k, want := range api {
		if info, ok := k.Info(); !ok || info.Abbreviation != want {
			t.Errorf("%s = %+v", k, info)
		}
	}
}
