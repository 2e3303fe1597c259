package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

const password = "mật-khẩu-đủ-dài"

// org is a small unit tree with people: a province committee (agency) with
// its office (division), and a department (agency).
type org struct {
	province, office, dept domain.Unit
	leader, clerk          domain.User
}

func seed(t *testing.T, e *testenv.Env, admin context.Context) org {
	t.Helper()
	var o org
	o.province = mustUnit(t, e, admin, domain.UnitInput{Name: "Ủy ban nhân dân tỉnh Khánh Hòa", ShortName: "UBND", Code: "000.00.00.H37"})
	o.office = mustUnit(t, e, admin, domain.UnitInput{Kind: "division", Name: "Văn phòng UBND tỉnh", ShortName: "VP", ParentID: o.province.ID})
	o.dept = mustUnit(t, e, admin, domain.UnitInput{Name: "Sở Thông tin và Truyền thông", ShortName: "STTTT", ParentID: o.province.ID})
	o.leader = mustUser(t, e, admin, domain.UserInput{Username: "leader.ubnd", FullName: "Lê Văn Lãnh", Email: "lanh@khanhhoa.gov.vn",
		UnitID: o.province.ID, Roles: []string{"leader"}, Password: password, Title: "Phó Chủ tịch"})
	o.clerk = mustUser(t, e, admin, domain.UserInput{Username: "clerk.vp", FullName: "Trần Thị Thư", Email: "thu@khanhhoa.gov.vn",
		UnitID: o.office.ID, Roles: []string{"clerk"}, Password: password})
	return o
}

func mustUnit(t *testing.T, e *testenv.Env, ctx context.Context, in domain.UnitInput) domain.Unit {
	t.Helper()
	u, err := e.App.CreateUnit(ctx, in)
	if err != nil {
		t.Fatalf("create unit %s: %v", in.ShortName, err)
	}
	return u
}

func mustUser(t *testing.T, e *testenv.Env, ctx context.Context, in domain.UserInput) domain.User {
	t.Helper()
	u, err := e.App.CreateUser(ctx, in)
	if err != nil {
		t.Fatalf("create user %s: %v", in.Username, err)
	}
	return u
}

// exec changes rows behind the service's back (there is no route yet for
// what the test needs, e.g. deactivation).
func exec(t *testing.T, e *testenv.Env, q string, args ...any) {
	t.Helper()
	e.Exec(t, q, args...)
}

// wantKind checks err's kind and, when code is set, its RFC 6749 code.
func wantKind(t *testing.T, err, kind error, code string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("err = %v, want kind %v", err, kind)
	}
	if code != "" {
		e, ok := apperr.As(err)
		if !ok || e.Code != code {
			t.Fatalf("err = %v, want code %s", err, code)
		}
	}
}

func fields(err error) []string {
	e, ok := apperr.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}
