package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

const benchPassword = "Mat-khau-bench-2026"

// Org is the bench's province: the UBND issues, three departments receive;
// each has one leader (who is notified of its tasks) and a specialist.
type Org struct {
	st     *Stack
	Issuer string   // UBND unit id
	Units  []string // the three receiving departments
	users  []orgUser
	tokens map[string]string
}

type orgUser struct{ username, unit, role string }

// Seed creates the organisation and logs everyone in.
func Seed(ctx context.Context, st *Stack) (*Org, error) {
	tok, err := login(ctx, st.Identity, "admin", st.AdminPassword)
	if err != nil {
		return nil, err
	}
	admin := clientsFor(st, staticToken(tok)).Identity
	o := &Org{st: st, tokens: map[string]string{}}
	mk := func(kind, name, short, parent string) (string, error) {
		u, err := admin.CreateUnit(ctx, identityapi.NewUnit{Kind: kind, Name: name, ShortName: short, ParentID: parent})
		return u.ID, err
	}
	if o.Issuer, err = mk("agency", "Ủy ban nhân dân tỉnh", "UBND", ""); err != nil {
		return nil, err
	}
	office, err := mk("division", "Văn phòng UBND tỉnh", "VP", o.Issuer)
	if err != nil {
		return nil, err
	}
	o.users = []orgUser{{"ubnd.lanhdao", o.Issuer, "leader"}, {"ubnd.chuyenvien", o.Issuer, "specialist"}, {"ubnd.vanthu", office, "clerk"}}
	for i, short := range []string{"STTTT", "SNV", "SYT"} {
		id, err := mk("agency", "Sở "+short, short, o.Issuer)
		if err != nil {
			return nil, err
		}
		o.Units = append(o.Units, id)
		o.users = append(o.users, orgUser{fmt.Sprintf("u%d.lanhdao", i), id, "leader"}, orgUser{fmt.Sprintf("u%d.chuyenvien", i), id, "specialist"})
	}
	for _, u := range o.users {
		if _, err := admin.CreateUser(ctx, identityapi.NewUser{Username: u.username, FullName: "Cán bộ " + u.username,
			Email: u.username + "@bench.gov.vn", UnitID: u.unit, Roles: []string{u.role}, Password: benchPassword}); err != nil {
			return nil, err
		}
	}
	return o, o.Login(ctx)
}

// Login refreshes every token (they live auth.AccessTokenTTL); it runs
// while no call is in flight, so the clients need no lock to read them.
func (o *Org) Login(ctx context.Context) error {
	for _, u := range o.users {
		tok, err := login(ctx, o.st.Identity, u.username, benchPassword)
		if err != nil {
			return err
		}
		o.tokens[u.username] = tok
	}
	return nil
}

// As is the API clients acting as a user of the org, with the token of
// the latest Login.
func (o *Org) As(username string) *apis.Clients {
	return clientsFor(o.st, orgToken{o, username})
}

// orgToken reads a user's current token from the org at each call.
type orgToken struct {
	o        *Org
	username string
}

func (t orgToken) AccessToken(context.Context) (string, error) { return t.o.tokens[t.username], nil }

// approved creates a UBND document and takes it to approved; issue is left
// to the caller, who times it.
func (o *Org) approved(ctx context.Context, d documentsapi.NewDocument) (string, error) {
	drafter := o.As("ubnd.chuyenvien").Documents
	doc, err := drafter.Create(ctx, d, "")
	if err != nil {
		return "", err
	}
	if _, err := drafter.Action(ctx, doc.ID, "submit", nil); err != nil {
		return "", err
	}
	if _, err := o.As("ubnd.lanhdao").Documents.Action(ctx, doc.ID, "approve", nil); err != nil {
		return "", err
	}
	return doc.ID, nil
}

// issue issues document id as the UBND's clerk and returns when the
// service recorded it issued (its issued_at).
func (o *Org) issue(ctx context.Context, id string) (time.Time, error) {
	d, err := o.As("ubnd.vanthu").Documents.Action(ctx, id, "issue", nil)
	if err != nil {
		return time.Time{}, err
	}
	if d.IssuedAt == nil {
		return time.Time{}, fmt.Errorf("document %s: issued without issued_at", id)
	}
	return *d.IssuedAt, nil
}

func dueDate() string { return time.Now().AddDate(0, 3, 0).Format("2006-01-02") }
