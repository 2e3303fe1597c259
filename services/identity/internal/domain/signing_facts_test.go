package domain

import (
	"slices"
	"strings"
	"testing"
)

func TestAgencyFactsNormalize(t *testing.T) {
	agency := func(f AgencyFacts) UnitInput {
		return UnitInput{Name: "UBND", ShortName: "UBND", PlaceName: f.PlaceName, Regime: string(f.Regime), HeadTitle: f.HeadTitle, CollectiveName: f.CollectiveName}
	}
	tests := []struct {
		name   string
		in     UnitInput
		want   AgencyFacts
		fields []string
	}{
		{"none", agency(AgencyFacts{}), AgencyFacts{}, nil},
		{"collective, trimmed", agency(AgencyFacts{PlaceName: " Khánh Hòa ", Regime: " collective ", HeadTitle: " Chủ tịch", CollectiveName: "Ủy ban nhân dân "}),
			AgencyFacts{PlaceName: "Khánh Hòa", Regime: RegimeCollective, HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}, nil},
		{"head-led", agency(AgencyFacts{Regime: "head_led", HeadTitle: "Giám đốc"}), AgencyFacts{Regime: RegimeHeadLed, HeadTitle: "Giám đốc"}, nil},
		{"unknown regime", agency(AgencyFacts{Regime: "Collective"}), AgencyFacts{}, []string{"regime"}},
		{"100 characters of place", agency(AgencyFacts{PlaceName: strings.Repeat("ả", 100)}), AgencyFacts{PlaceName: strings.Repeat("ả", 100)}, nil},
		{"too long", agency(AgencyFacts{PlaceName: strings.Repeat("ả", 101), HeadTitle: strings.Repeat("x", 101), CollectiveName: strings.Repeat("x", 256)}),
			AgencyFacts{}, []string{"place_name", "head_title", "collective_name"}},
		{"a division's facts", UnitInput{Kind: "division", ParentID: "p", Name: "VP", ShortName: "VP", PlaceName: "Nha Trang", Regime: "collective", HeadTitle: "Chánh", CollectiveName: "X"},
			AgencyFacts{}, []string{"place_name", "regime", "head_title", "collective_name"}},
		{"a division's blanks", UnitInput{Kind: "division", ParentID: "p", Name: "VP", ShortName: "VP", PlaceName: "  "}, AgencyFacts{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := tt.in.Normalize()
			if tt.fields != nil {
				if got := fieldsOf(t, err); !slices.Equal(got, tt.fields) {
					t.Fatalf("fields = %v, want %v", got, tt.fields)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := in.facts(); got != tt.want {
				t.Fatalf("facts = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPositionChecked(t *testing.T) {
	for _, p := range append([]Position{""}, Positions...) {
		in := UserInput{Username: "pho.so", FullName: "Phó", Email: "pho@x.vn", UnitID: "u", Roles: []string{"leader"},
			Password: "mật-khẩu-đủ-dài", Position: " " + string(p) + " "}
		got, err := in.Normalize()
		if err != nil || got.Position != string(p) {
			t.Errorf("position %q: %q, %v", p, got.Position, err)
		}
		patch, err := UserPatch{Position: new(string(p))}.Normalize()
		if err != nil || *patch.Position != string(p) {
			t.Errorf("patch to %q: %v", p, err)
		}
	}
	for _, bad := range []string{"Head", "chairman", "deputy_head"} {
		if _, err := (UserPatch{Position: new(bad)}).Normalize(); !slices.Equal(fieldsOf(t, err), []string{"position"}) {
			t.Errorf("patch to %q: %v", bad, err)
		}
	}
}
