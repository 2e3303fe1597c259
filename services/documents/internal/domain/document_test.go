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
	noShort := Unit{ID: "A-X", AgencyID: "A", Kind: UnitDivision}
	tests := []struct {
		name     string
		d        Document
		n        int64
		year     int
		drafting Unit
		want     string
		err      error // nil: want
	}{
		{"directive", Document{Kind: KindDirective}, 7, 2026, unitA, "07/CT-UBND", nil},
		{"plan of a Sở", Document{Kind: KindPlan}, 15, 2026, sttt, "15/KH-STTTT", nil},
		{"decision", Document{Kind: KindDecision}, 1, 2026, unitA, "01/QĐ-UBND", nil},
		{"submission", Document{Kind: KindSubmission}, 10, 2026, unitA, "10/TTr-UBND", nil},
		{"provision", Document{Kind: "provision"}, 3, 2026, unitA, "03/QyĐ-UBND", nil},
		{"confidential: same form", Document{Kind: KindDirective, Confidentiality: ConfidentialitySecret}, 3, 2026, unitA, "03/CT-UBND", nil},
		{"normative decision carries the year", Document{Kind: KindDecision, Normative: true}, 15, 2026, unitA, "15/2026/QĐ-UBND", nil},
		{"normative resolution", Document{Kind: "resolution", Normative: true}, 2, 2027, unitA, "02/2027/NQ-UBND", nil},
		{"official letter names its division", Document{Kind: KindOfficialLetter}, 123, 2026, unitAKT, "123/UBND-KT", nil},
		{"official letter of the agency unit: refused", Document{Kind: KindOfficialLetter, Status: StatusApproved}, 4, 2026, unitA, "", apperr.ErrConflict},
		{"official letter with no drafting unit: refused", Document{Kind: KindOfficialLetter}, 4, 2026, Unit{}, "", apperr.ErrInvalid},
		{"official letter of a division with no short name: refused", Document{Kind: KindOfficialLetter, Status: StatusApproved}, 4, 2026, noShort, "", apperr.ErrConflict},
		{"true copy", Document{Kind: KindCopy, CopyForm: CopyTrue}, 5, 2026, Unit{}, "05/BSY-UBND", nil},
		{"extract", Document{Kind: KindCopy, CopyForm: CopyExtract}, 12, 2026, Unit{}, "12/BTS-UBND", nil},
		{"copy of a copy", Document{Kind: KindCopy, CopyForm: CopyOfCopy}, 1, 2026, Unit{}, "01/BSL-UBND", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			issuer := unitA
			if tt.drafting.ID == "S" {
				issuer = sttt
			}
			got, err := Notation(tt.d, tt.n, tt.year, issuer, tt.drafting)
			if tt.err != nil {
				e, ok := apperr.As(err)
				if !errors.Is(err, tt.err) || !ok || len(e.Fields) != 1 || e.Fields[0].Field != "drafting_unit_id" {
					t.Fatalf("Notation = %q, %v; want %v naming drafting_unit_id", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Notation = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestSeries(t *testing.T) {
	tests := []struct {
		d                  Document
		outgoing, incoming string
	}{
		{Document{Kind: KindDirective}, SeriesGeneral, SeriesIncoming},
		{Document{Kind: KindDirective, Confidentiality: ConfidentialityConfidential}, SeriesConfidential, SeriesIncomingConfidential},
		{Document{Kind: KindOfficialLetter, Confidentiality: ConfidentialityTopSecret}, SeriesConfidential, SeriesIncomingConfidential},
		{Document{Kind: KindDecision, Normative: true}, SeriesNormative, SeriesIncoming},
		{Document{Kind: KindCopy, CopyForm: CopyTrue}, "copy_BSY", SeriesIncoming},
		{Document{Kind: KindCopy, CopyForm: CopyExtract, Confidentiality: ConfidentialitySecret}, "copy_BTS", SeriesIncomingConfidential},
		{Document{Kind: KindCopy, CopyForm: CopyOfCopy}, "copy_BSL", SeriesIncoming},
	}
	for _, tt := range tests {
		if tt.d.Confidentiality == "" {
			tt.d.Confidentiality = ConfidentialityNormal
		}
		if got := SeriesFor(tt.d); got != tt.outgoing {
			t.Errorf("SeriesFor(%+v) = %q, want %q", tt.d, got, tt.outgoing)
		}
		if got := IncomingSeriesFor(tt.d); got != tt.incoming {
			t.Errorf("IncomingSeriesFor(%+v) = %q, want %q", tt.d, got, tt.incoming)
		}
	}
}

func TestNormativeFlag(t *testing.T) {
	for _, tt := range []struct {
		kind string
		ok   bool
	}{{"resolution", true}, {"decision", true}, {"directive", true}, {"plan", false}, {"official_letter", false}, {"notice", false}} {
		in := DraftInput{Kind: tt.kind, Summary: "s", Recipients: []string{"B"}, Normative: true}
		in.Normalize()
		err := in.Validate()
		e, _ := apperr.As(err)
		if tt.ok != (err == nil) || (!tt.ok && (len(e.Fields) != 1 || e.Fields[0].Field != "normative")) {
			t.Errorf("normative %s: %v", tt.kind, err)
		}
	}
	in := DraftInput{Kind: "copy", Summary: "s", Recipients: []string{"B"}}
	in.Normalize()
	if err := in.Validate(); !errors.Is(err, apperr.ErrInvalid) {
		t.Errorf("a drafted copy: %v", err)
	}
}

func TestKindTable(t *testing.T) {
	abbrs := map[string]bool{}
	for _, k := range Kinds() {
		if k.Kind == KindCopy {
			continue // numbered by its form
		}
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
