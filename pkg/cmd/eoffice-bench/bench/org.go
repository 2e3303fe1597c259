package bench

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

const benchPassword = "Mat-khau-bench-2026"

// Org is the bench's province: the UBND issues, three departments receive;
// each has one leader (who is notified of its tasks) and a specialist.
type Org struct {
	st      *Stack
	Issuer  string   // UBND unit id
	Units   []string // the three receiving departments
	users   []orgUser
	tokens  map[string]string
	created time.Time
}

type orgUser struct{ username, unit, role string }

// Seed creates the organisation and logs everyone in.
func Seed(ctx context.Context, st *Stack) (*Org, error) {
	admin, err := login(ctx, st.Identity, "admin", st.AdminPassword)
	if err != nil {
		return nil, err
	}
	o := &Org{st: st, tokens: map[string]string{}}
	mk := func(kind, name, short, parent string) (string, error) {
		var u struct {
			ID string `json:"id"`
		}
		body := map[string]any{"kind": kind, "name": name, "short_name": short}
		if parent != "" {
			body["parent_id"] = parent
		}
		_, err := call(ctx, "POST", st.Identity+"/v1/units", admin, body, &u, http.StatusCreated)
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
		if _, err := call(ctx, "POST", st.Identity+"/v1/users", admin, map[string]any{
			"username": u.username, "full_name": "Cán bộ " + u.username, "email": u.username + "@bench.gov.vn",
			"unit_id": u.unit, "roles": []string{u.role}, "password": benchPassword}, nil, http.StatusCreated); err != nil {
			return nil, err
		}
	}
	return o, o.Login(ctx)
}

// Login refreshes every token (they live auth.AccessTokenTTL).
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

// Token of a user of the org.
func (o *Org) Token(username string) string { return o.tokens[username] }

// approved creates a UBND document and takes it to approved; issue is left
// to the caller, who times it.
func (o *Org) approved(ctx context.Context, body map[string]any) (string, error) {
	var d struct {
		ID string `json:"id"`
	}
	if _, err := call(ctx, "POST", o.st.Documents+"/v1/documents", o.Token("ubnd.chuyenvien"), body, &d, http.StatusCreated); err != nil {
		return "", err
	}
	u := o.st.Documents + "/v1/documents/" + d.ID
	if _, err := call(ctx, "POST", u+"/submit", o.Token("ubnd.chuyenvien"), nil, nil, http.StatusOK); err != nil {
		return "", err
	}
	if _, err := call(ctx, "POST", u+"/approve", o.Token("ubnd.lanhdao"), nil, nil, http.StatusOK); err != nil {
		return "", err
	}
	return d.ID, nil
}

func (o *Org) issue(ctx context.Context, id string) error {
	_, err := call(ctx, "POST", o.st.Documents+"/v1/documents/"+id+"/issue", o.Token("ubnd.vanthu"), nil, nil, http.StatusOK)
	return err
}

func dueDate() string { return time.Now().AddDate(0, 3, 0).Format("2006-01-02") }
