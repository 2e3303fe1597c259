package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// The cast: agency A with its office division A-VP and a division A-KT;
// another agency B.
var (
	drafter      = Actor{UserID: "u-drafter", Name: "Nguyễn Văn Soạn", UnitID: "A-KT", AgencyID: "A", Roles: []string{RoleSpecialist}}
	colleague    = Actor{UserID: "u-colleague", UnitID: "A-KT", AgencyID: "A", Roles: []string{RoleSpecialist}}
	leaderA      = Actor{UserID: "u-leader", Name: "Trần Thị Ký", UnitID: "A", AgencyID: "A", Roles: []string{RoleLeader}}
	divLeaderA   = Actor{UserID: "u-divleader", UnitID: "A-KT", AgencyID: "A", Roles: []string{RoleLeader}}
	clerkA       = Actor{UserID: "u-clerk", UnitID: "A-VP", AgencyID: "A", Roles: []string{RoleClerk}}
	leaderB      = Actor{UserID: "u-leaderB", UnitID: "B", AgencyID: "B", Roles: []string{RoleLeader}}
	clerkB       = Actor{UserID: "u-clerkB", UnitID: "B", AgencyID: "B", Roles: []string{RoleClerk}}
	specialistC  = Actor{UserID: "u-c", UnitID: "C", AgencyID: "C", Roles: []string{RoleSpecialist}}
	adminNoUnit  = Actor{UserID: "u-admin", Roles: []string{RoleAdmin}}
	unitA        = Unit{ID: "A", Kind: UnitAgency, ShortName: "UBND", AgencyID: "A", Active: true}
	unitAKT      = Unit{ID: "A-KT", Kind: UnitDivision, ShortName: "KT", AgencyID: "A", ParentID: "A", Active: true}
	unitB        = Unit{ID: "B", Kind: UnitAgency, ShortName: "STTTT", AgencyID: "B", Active: true}
	testNow      = time.Date(2024, 12, 31, 18, 0, 0, 0, time.UTC) // already 2025 in Viet Nam
	errNoVisible = apperr.ErrNotFound
)

// signing is a's authority in agency A (head-led, as unset) with a
// title and a position.
func signing(a Actor, title string, p Position) SigningAuthority {
	return SigningAuthority{Signer: a, Person: PersonFacts{Title: title, Position: p},
		Agency: AgencyFacts{ID: "A", Name: "Sở Thông tin và Truyền thông"}, TLKinds: DefaultTLKinds, Today: "2025-01-01"}
}

func docIn(t *testing.T, s Status, c Confidentiality) Document {
	t.Helper()
	d, err := NewDraft("d1", DraftInput{Kind: "directive", Summary: "PAPI", Recipients: []string{"B", "A-KT"}, Confidentiality: string(c)},
		drafter, []Unit{unitB, unitAKT}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := d.Submit(drafter, testNow); return err },
		func() error { _, err := d.Approve(signing(leaderA, "", ""), "", testNow); return err },
		func() error { _, err := d.Issue(clerkA, 7, unitA, unitAKT, testNow); return err },
	}
	order := []Status{StatusDraft, StatusPendingApproval, StatusApproved, StatusIssued}
	for i := 0; order[i] != s; i++ {
		if err := steps[i](); err != nil {
			t.Fatalf("reach %s: %v", s, err)
		}
	}
	return d
}

func TestTransitions(t *testing.T) {
	all := []Status{StatusDraft, StatusPendingApproval, StatusApproved, StatusIssued}
	actors := map[string]Actor{
		"drafter": drafter, "colleague": colleague, "leaderA": leaderA, "divLeaderA": divLeaderA,
		"clerkA": clerkA, "leaderB": leaderB, "clerkB": clerkB, "specialistC": specialistC, "admin": adminNoUnit,
	}
	// want: for each action, who may take it and from which status; every
	// other actor of agency A gets 403, B (a recipient) sees it only once
	// issued and C and the admin never.
	type expect struct {
		allowed map[string]bool
		from    Status
		to      Status
	}
	table := map[Action]expect{
		ActionSubmit:  {map[string]bool{"drafter": true}, StatusDraft, StatusPendingApproval},
		ActionApprove: {map[string]bool{"leaderA": true}, StatusPendingApproval, StatusApproved},
		ActionReject:  {map[string]bool{"leaderA": true}, StatusPendingApproval, StatusDraft},
		ActionIssue:   {map[string]bool{"clerkA": true}, StatusApproved, StatusIssued},
		ActionRevoke:  {map[string]bool{"leaderA": true}, StatusIssued, StatusRevoked},
		ActionEdit:    {map[string]bool{"drafter": true}, StatusDraft, StatusDraft},
	}
	for act, e := range table {
		for _, st := range all {
			for name, a := range actors {
				t.Run(string(act)+"/"+string(st)+"/"+name, func(t *testing.T) {
					d := docIn(t, st, ConfidentialityNormal)
					before := d
					var err error
					switch act {
					case ActionSubmit:
						_, err = d.Submit(a, testNow)
					case ActionApprove:
						_, err = d.Approve(signing(a, "Chủ tịch", ""), "", testNow)
					case ActionReject:
						_, err = d.Reject(signing(a, "", ""), "sửa lại trích yếu", testNow)
					case ActionIssue:
						_, err = d.Issue(a, 8, unitA, unitAKT, testNow)
					case ActionRevoke:
						_, err = d.Revoke(a, "ban hành nhầm", testNow)
					case ActionEdit:
						_, err = d.Edit(a, d.Input(), []Unit{unitB, unitAKT}, testNow)
					}
					inA := a.AgencyID == "A"
					seesIt := inA || (a.AgencyID == "B" && st == StatusIssued)
					var want error
					switch {
					case !seesIt:
						want = errNoVisible
					case !e.allowed[name]:
						want = apperr.ErrForbidden
					case st != e.from:
						want = apperr.ErrConflict
					}
					if !errors.Is(err, want) || (want == nil) != (err == nil) {
						t.Fatalf("err = %v, want kind %v", err, want)
					}
					if want != nil {
						if d.Status != before.Status || d.UpdatedAt != before.UpdatedAt {
							t.Fatalf("a refused step changed the document: %s → %s", before.Status, d.Status)
						}
						if errors.Is(want, apperr.ErrConflict) {
							if e, _ := apperr.As(err); e.CurrentStatus != string(st) {
								t.Fatalf("current_status = %q, want %q", e.CurrentStatus, st)
							}
						}
						return
					}
					if d.Status != e.to {
						t.Fatalf("status = %s, want %s", d.Status, e.to)
					}
				})
			}
		}
	}
}

func TestApproveSetsSignerAndRejectClearsIt(t *testing.T) {
	d := docIn(t, StatusPendingApproval, ConfidentialityNormal)
	deputy := signing(leaderA, "Phó Chủ tịch", PositionDeputy)
	deputy.Agency = AgencyFacts{ID: "A", Name: "Ủy ban nhân dân tỉnh", Regime: RegimeCollective, HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
	if _, err := d.Approve(deputy, "XX.", testNow); !errors.Is(err, apperr.ErrInvalid) {
		t.Fatalf("bad mark: %v", err)
	}
	h, err := d.Approve(deputy, "KT.", testNow)
	if err != nil {
		t.Fatal(err)
	}
	want := Signer{UserID: leaderA.UserID, FullName: leaderA.Name, Title: "Phó Chủ tịch", SigningMark: "KT.",
		MarkLine: "KT. CHỦ TỊCH", PositionLine: "PHÓ CHỦ TỊCH"}
	if d.Signer == nil || *d.Signer != want || d.ApprovedAt == nil {
		t.Fatalf("signer = %+v", d.Signer)
	}
	if h.From != StatusPendingApproval || h.To != StatusApproved || h.ActorID != leaderA.UserID || h.Action != ActionApprove {
		t.Fatalf("history = %+v", h)
	}

	d = docIn(t, StatusPendingApproval, ConfidentialityNormal)
	for _, reason := range []string{"", "   "} {
		if _, err := d.Reject(signing(leaderA, "", ""), reason, testNow); !errors.Is(err, apperr.ErrInvalid) {
			t.Fatalf("reason %q: %v", reason, err)
		}
	}
	h, err = d.Reject(signing(leaderA, "", ""), "  thiếu nơi nhận ", testNow)
	if err != nil || d.Status != StatusDraft || d.Signer != nil || h.Reason != "thiếu nơi nhận" {
		t.Fatalf("reject: %v %s %+v", err, d.Status, h)
	}
}

func TestIssueNumbersInVietnameseYear(t *testing.T) {
	d := docIn(t, StatusIssued, ConfidentialityNormal)
	if d.Number != 7 || d.Notation != "07/CT-UBND" || d.NumberYear != 2025 || d.IssuedBy != clerkA.UserID || d.IssuedAt == nil {
		t.Fatalf("issued = %d %q year %d by %q", d.Number, d.Notation, d.NumberYear, d.IssuedBy)
	}
}

func TestVisibility(t *testing.T) {
	tests := []struct {
		name   string
		status Status
		conf   Confidentiality
		actor  Actor
		want   bool
	}{
		{"issuer staff sees a draft", StatusDraft, ConfidentialityNormal, colleague, true},
		{"recipient agency does not see a draft", StatusApproved, ConfidentialityNormal, leaderB, false},
		{"recipient agency sees it issued", StatusIssued, ConfidentialityNormal, clerkB, true},
		{"other agency never", StatusIssued, ConfidentialityNormal, specialistC, false},
		{"unit-less admin never", StatusIssued, ConfidentialityNormal, adminNoUnit, false},
		{"secret: drafter", StatusDraft, ConfidentialitySecret, drafter, true},
		{"secret: colleague no", StatusDraft, ConfidentialitySecret, colleague, false},
		{"secret: agency leader not before submission", StatusDraft, ConfidentialitySecret, leaderA, false},
		{"secret: agency leader while pending", StatusPendingApproval, ConfidentialitySecret, leaderA, true},
		{"secret: division leader no", StatusPendingApproval, ConfidentialitySecret, divLeaderA, false},
		{"secret: clerk not while pending", StatusPendingApproval, ConfidentialitySecret, clerkA, false},
		{"secret: clerk once approved", StatusApproved, ConfidentialitySecret, clerkA, true},
		{"secret: signer after issue", StatusIssued, ConfidentialitySecret, leaderA, true},
		{"secret: issuing clerk after issue", StatusIssued, ConfidentialitySecret, clerkA, true},
		{"secret: recipient no", StatusIssued, ConfidentialitySecret, clerkB, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docIn(t, tt.status, tt.conf)
			if got := d.VisibleTo(tt.actor); got != tt.want {
				t.Fatalf("VisibleTo = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReceivingAgencies(t *testing.T) {
	d := Document{IssuerUnitID: "A", Recipients: []Recipient{
		{"A-KT", "A"}, {"B-1", "B"}, {"B", "B"}, {"C", "C"}, {"B-2", "B"}, {"A", "A"},
	}}
	got := d.ReceivingAgencies()
	if len(got) != 2 || got[0] != "B" || got[1] != "C" {
		t.Fatalf("ReceivingAgencies = %v, want [B C]", got)
	}
}

// TestExchangeServiceSees: the exchange service's own client reads exactly
// what goes outside the deployment.
func TestExchangeServiceSees(t *testing.T) {
	exchange := Actor{UserID: "svc-exchange", Exchange: true}
	tests := []struct {
		name     string
		status   Status
		conf     Confidentiality
		external bool
		want     bool
	}{
		{"issued and sent outside", StatusIssued, ConfidentialityNormal, true, true},
		{"kept inside", StatusIssued, ConfidentialityNormal, false, false},
		{"not yet issued", StatusApproved, ConfidentialityNormal, true, false},
		{"confidential", StatusIssued, ConfidentialitySecret, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docIn(t, tt.status, tt.conf)
			if tt.external {
				d.ExternalRecipients = []ExternalRecipient{{Code: "000.00.00.H49", Name: "UBND tỉnh Quảng Ninh"}}
			}
			if got := d.VisibleTo(exchange); got != tt.want {
				t.Fatalf("VisibleTo = %v, want %v", got, tt.want)
			}
		})
	}
}
