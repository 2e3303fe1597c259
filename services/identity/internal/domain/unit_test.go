package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok {
		t.Fatalf("error %v is not an apperr.Error", err)
	}
	var names []string
	for _, f := range e.Fields {
		names = append(names, f.Field)
	}
	return names
}

func TestUnitInputNormalize(t *testing.T) {
	tests := []struct {
		name   string
		in     UnitInput
		fields []string // invalid fields; nil means valid
		kind   string
	}{
		{"agency by default", UnitInput{Name: "Ủy ban nhân dân tỉnh Khánh Hòa", ShortName: "UBND"}, nil, "agency"},
		{"trimmed", UnitInput{Kind: " division ", Name: " Văn phòng ", ShortName: " VP ", ParentID: " p1 "}, nil, "division"},
		{"code in QCVN 102 form", UnitInput{Code: "000.00.31.H37", Name: "Sở TT&TT", ShortName: "STTTT"}, nil, "agency"},
		{"short name with ampersand", UnitInput{Name: "Sở Thông tin và Truyền thông", ShortName: "TT&TT"}, nil, "agency"},
		{"unknown kind", UnitInput{Kind: "department", Name: "X", ShortName: "X"}, []string{"kind"}, ""},
		{"division without parent", UnitInput{Kind: "division", Name: "Văn phòng", ShortName: "VP"}, []string{"parent_id"}, ""},
		{"bad code", UnitInput{Code: "H37.31", Name: "X", ShortName: "X"}, []string{"code"}, ""},
		{"lowercase code letter", UnitInput{Code: "000.00.31.h37", Name: "X", ShortName: "X"}, []string{"code"}, ""},
		{"missing name and short name", UnitInput{}, []string{"name", "short_name"}, ""},
		{"short name with slash", UnitInput{Name: "X", ShortName: "CT/UBND"}, []string{"short_name"}, ""},
		{"short name with space", UnitInput{Name: "X", ShortName: "UB ND"}, []string{"short_name"}, ""},
		{"short name too long", UnitInput{Name: "X", ShortName: "ABCDEFGHIJKLMNOPQRSTU"}, []string{"short_name"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Normalize()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if got.Kind != tt.kind {
					t.Fatalf("kind = %q, want %q", got.Kind, tt.kind)
				}
				return
			}
			if !errors.Is(err, apperr.ErrInvalid) {
				t.Fatalf("err = %v, want invalid", err)
			}
			if f := fieldsOf(t, err); !equal(f, tt.fields) {
				t.Fatalf("fields = %v, want %v", f, tt.fields)
			}
		})
	}
}

func TestNewUnitAgency(t *testing.T) {
	now := time.Now()
	province := Unit{ID: "p", Kind: KindAgency, AgencyID: "p", Active: true}
	office := Unit{ID: "o", Kind: KindDivision, ParentID: "p", AgencyID: "p", Active: true}
	closed := Unit{ID: "c", Kind: KindAgency, AgencyID: "c"}
	tests := []struct {
		name       string
		in         UnitInput
		parent     *Unit
		wantAgency string
		wantErr    string // field of the error
	}{
		{"root agency is its own agency", UnitInput{Kind: "agency"}, nil, "new", ""},
		{"agency under agency is its own agency", UnitInput{Kind: "agency", ParentID: "p"}, &province, "new", ""},
		{"division takes its parent's agency", UnitInput{Kind: "division", ParentID: "p"}, &province, "p", ""},
		{"division under division takes the agency above", UnitInput{Kind: "division", ParentID: "o"}, &office, "p", ""},
		{"unknown parent", UnitInput{Kind: "division", ParentID: "x"}, nil, "", "parent_id"},
		{"inactive parent", UnitInput{Kind: "agency", ParentID: "c"}, &closed, "", "parent_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := NewUnit("new", tt.in, tt.parent, now)
			if tt.wantErr != "" {
				if !errors.Is(err, apperr.ErrInvalid) || !equal(fieldsOf(t, err), []string{tt.wantErr}) {
					t.Fatalf("err = %v, want invalid %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if u.AgencyID != tt.wantAgency || u.ParentID != tt.in.ParentID || !u.Active {
				t.Fatalf("unit = %+v, want agency %s", u, tt.wantAgency)
			}
		})
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
