package app_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// pending drafts a document of kind for the UBND and submits it.
func pending(t *testing.T, e *testenv.Env, kind string) app.DocumentView {
	t.Helper()
	in := directive(id("SNV"))
	in.Kind = kind
	if kind == "official_letter" {
		in.DraftingUnitID = id("VP") // a Công văn names its drafting division
	}
	v := draft(t, e, "ubnd.cv", in)
	v, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	return v
}

// refusedUnchanged approves as login under mark and wants a 403 that
// left the document, its history and the outbox as they were.
func refusedUnchanged(t *testing.T, e *testenv.Env, login, docID, mark string) {
	t.Helper()
	before, hist, out := getDoc(t, e, docID), e.Count(t, "document_history"), len(e.Outbox(t))
	_, err := e.Service.ApproveDocument(e.Ctx(login), docID, app.ApproveInput{SigningMark: mark})
	if !errors.Is(err, apperr.ErrForbidden) {
		t.Fatalf("%s signs under %q: %v, want 403", login, mark, err)
	}
	after := getDoc(t, e, docID)
	if after.Status != domain.StatusPendingApproval || after.Signer != nil || !after.UpdatedAt.Equal(before.UpdatedAt) ||
		e.Count(t, "document_history") != hist || len(e.Outbox(t)) != out {
		t.Fatalf("a refused signature changed something: %+v", after.Document)
	}
}

func getDoc(t *testing.T, e *testenv.Env, docID string) app.DocumentView {
	t.Helper()
	v, err := e.Service.GetDocument(e.Ctx("ubnd.cv"), docID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func approveAs(t *testing.T, e *testenv.Env, login, docID, mark string) *domain.Signer {
	t.Helper()
	v, err := e.Service.ApproveDocument(e.Ctx(login), docID, app.ApproveInput{SigningMark: mark})
	if err != nil {
		t.Fatalf("%s signs under %q: %v", login, mark, err)
	}
	if v.Status != domain.StatusApproved || v.Signer == nil {
		t.Fatalf("approved: %+v", v.Document)
	}
	return v.Signer
}

// TestSigningMarks: who may sign under which mark, on both databases.
func TestSigningMarks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.Facts.SetPosition("kt.ld", "Trưởng phòng Kinh tế", domain.PositionDivisionHead)

		// The UBND's chairperson (a leader without a position) may not
		// sign as a deputy, nor a specialist at all.
		d := pending(t, e, "directive")
		refusedUnchanged(t, e, "ubnd.ld", d.ID, "KT")
		refusedUnchanged(t, e, "ubnd.ld", d.ID, "TUQ")
		refusedUnchanged(t, e, "ubnd.cv", d.ID, "")
		// A division head signs TL. only the kinds the agency lets them.
		refusedUnchanged(t, e, "kt.ld", d.ID, "TL")
		refusedUnchanged(t, e, "kt.ld", d.ID, "")
		if _, err := e.Service.RejectDocument(e.Ctx("kt.ld"), d.ID, "sửa lại"); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("a division head rejects a directive: %v", err)
		}
		sg := approveAs(t, e, "ubnd.ld", d.ID, "")
		if sg.SigningMark != "TM." || sg.MarkLine != "TM. ỦY BAN NHÂN DÂN" || sg.PositionLine != "CHỦ TỊCH" {
			t.Fatalf("chairperson's signature %+v", sg)
		}

		// Whoever may sign a letter may send it back too.
		if v, err := e.Service.RejectDocument(e.Ctx("kt.ld"), pending(t, e, "official_letter").ID, "sửa lại"); err != nil ||
			v.Status != domain.StatusDraft {
			t.Fatalf("a division head rejects a letter: %v", err)
		}
		letter := pending(t, e, "official_letter")
		sg = approveAs(t, e, "kt.ld", letter.ID, "TL")
		if sg.SigningMark != "TL." || sg.MarkLine != "TL. CHỦ TỊCH" || sg.PositionLine != "TRƯỞNG PHÒNG KINH TẾ" || sg.Title != "Trưởng phòng Kinh tế" {
			t.Fatalf("TL signature %+v", sg)
		}

		// The agency narrows its TL kinds: letters are no longer theirs.
		if _, err := e.Service.SetSigningRules(e.Ctx("kt.ld"), id("UBND"), []string{"report"}); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("a division head sets the rules: %v", err)
		}
		if _, err := e.Service.SetSigningRules(e.Ctx("ubnd.admin"), id("UBND"), []string{"report"}); err != nil {
			t.Fatal(err)
		}
		refusedUnchanged(t, e, "kt.ld", pending(t, e, "official_letter").ID, "TL")
		approveAs(t, e, "kt.ld", pending(t, e, "report").ID, "")

		// The mark the draft requests applies when the approval names none.
		in := directive(id("SNV"))
		in.RequestedMark = "KT"
		v := draft(t, e, "ubnd.cv", in)
		if v.RequestedMark != domain.MarkKT {
			t.Fatalf("requested mark %q", v.RequestedMark)
		}
		if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID); err != nil {
			t.Fatal(err)
		}
		refusedUnchanged(t, e, "ubnd.ld", v.ID, "")
		approveAs(t, e, "ubnd.ld", v.ID, "TM") // the approval's mark overrides the draft's
	})
}

// TestAuthorisedSigning: an authorisation lets its grantee sign TUQ. the
// kinds it covers on the days it covers (Viet Nam's dates, inclusive),
// names both people, and grants nothing once revoked.
func TestAuthorisedSigning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.Facts.SetPosition("kt.cv", "Chuyên viên chính", "")
		at := func(day string) {
			d, err := time.ParseInLocation("2006-01-02 15:04", day+" 00:30", domain.Zone)
			if err != nil {
				t.Fatal(err)
			}
			e.SetClock(d) // half past midnight in Viet Nam: still the day before in UTC
		}
		at("2026-03-05")
		grant := func(from, to string, kinds ...string) app.AuthorisationView {
			t.Helper()
			au, err := e.Service.GrantAuthorisation(e.Ctx("ubnd.ld"), app.GrantInput{Authorisation: domain.AuthorisationInput{
				GranteeID: "u-kt-cv", From: from, To: to, Kinds: kinds, Scope: domain.ScopeSign, Note: "đi công tác"}})
			if err != nil {
				t.Fatalf("grant: %v", err)
			}
			return au
		}
		au := grant("2026-03-06", "2026-03-08", "decision")
		if au.InForce || au.Grantor.UserID != "u-ubnd-ld" || au.Grantee.FullName != "Lý Thị Kim" || au.AgencyID != id("UBND") {
			t.Fatalf("authorisation %+v", au)
		}

		decision := pending(t, e, "decision")
		refusedUnchanged(t, e, "kt.cv", decision.ID, "TUQ") // the day before from
		at("2026-03-09")
		refusedUnchanged(t, e, "kt.cv", decision.ID, "TUQ") // the day after to
		at("2026-03-08")
		refusedUnchanged(t, e, "kt.cv", pending(t, e, "directive").ID, "TUQ") // a kind not covered
		sg := approveAs(t, e, "kt.cv", decision.ID, "")
		if sg.SigningMark != "TUQ." || sg.MarkLine != "TUQ. CHỦ TỊCH" || sg.PositionLine != "CHUYÊN VIÊN CHÍNH" ||
			sg.AuthorisationID != au.ID || sg.AuthorisedByID != "u-ubnd-ld" || sg.AuthorisedByName != "Trần Thị Bình" {
			t.Fatalf("TUQ signature %+v", sg)
		}
		// As stored, too.
		if got := getDoc(t, e, decision.ID).Signer; got == nil || *got != *sg {
			t.Fatalf("stored signer %+v, want %+v", got, sg)
		}

		// Both people see it; a third does not; only its grantor revokes.
		for login, want := range map[string]int{"ubnd.ld": 1, "kt.cv": 1, "kt.ld": 0, "ubnd.admin": 1, "snv.ld": 0} {
			list, err := e.Service.ListAuthorisations(e.Ctx(login))
			if err != nil || len(list) != want || (want == 1 && !list[0].InForce) {
				t.Fatalf("%s lists %+v, %v", login, list, err)
			}
		}
		if _, err := e.Service.RevokeAuthorisation(e.Ctx("kt.cv"), au.ID); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("the grantee revokes: %v", err)
		}
		if _, err := e.Service.RevokeAuthorisation(e.Ctx("snv.ld"), au.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("a stranger revokes: %v", err)
		}
		r, err := e.Service.RevokeAuthorisation(e.Ctx("ubnd.ld"), au.ID)
		if err != nil || r.RevokedAt == nil || r.InForce {
			t.Fatalf("revoke: %+v, %v", r, err)
		}
		refusedUnchanged(t, e, "kt.cv", pending(t, e, "decision").ID, "TUQ")

		var types []string
		for _, row := range e.Outbox(t) {
			if strings.HasPrefix(row.Type, "vn.eoffice.authorisation.") {
				types = append(types, row.Type+" "+row.Key)
			}
		}
		if len(types) != 2 || types[0] != "vn.eoffice.authorisation.granted "+au.ID || types[1] != "vn.eoffice.authorisation.revoked "+au.ID {
			t.Fatalf("events %v", types)
		}
	})
}

func TestGrantAuthorisationChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.SetClock(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
		ok := domain.AuthorisationInput{GranteeID: "u-kt-cv", From: "2026-03-05", To: "2026-03-06", Kinds: []string{"decision"}, Scope: "sign"}
		with := func(f func(*domain.AuthorisationInput)) domain.AuthorisationInput { in := ok; f(&in); return in }
		tests := []struct {
			name  string
			login string
			in    domain.AuthorisationInput
			want  error
		}{
			{"a specialist grants", "ubnd.cv", ok, apperr.ErrForbidden},
			{"a division's leader grants", "kt.ld", ok, apperr.ErrForbidden},
			{"grantee of another agency", "ubnd.ld", with(func(in *domain.AuthorisationInput) { in.GranteeID = "u-snv-ld" }), apperr.ErrInvalid},
			{"unknown grantee", "ubnd.ld", with(func(in *domain.AuthorisationInput) { in.GranteeID = "u-nobody" }), apperr.ErrInvalid},
			{"unknown kind", "ubnd.ld", with(func(in *domain.AuthorisationInput) { in.Kinds = []string{"memo"} }), apperr.ErrInvalid},
			{"dates reversed", "ubnd.ld", with(func(in *domain.AuthorisationInput) { in.From = "2026-03-07" }), apperr.ErrInvalid},
			{"inbox, recorded", "ubnd.ld", with(func(in *domain.AuthorisationInput) { in.Scope, in.Kinds = "inbox", nil }), nil},
		}
		for _, tt := range tests {
			n := e.Count(t, "authorisations")
			_, err := e.Service.GrantAuthorisation(e.Ctx(tt.login), app.GrantInput{Authorisation: tt.in})
			if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("%s: %v, want %v", tt.name, err, tt.want)
			}
			if grew := e.Count(t, "authorisations") - n; (tt.want == nil) != (grew == 1) {
				t.Fatalf("%s: %d rows added", tt.name, grew)
			}
		}
		// The same Idempotency-Key grants once.
		in := app.GrantInput{Authorisation: ok, IdempotencyKey: "k-1"}
		a1, err1 := e.Service.GrantAuthorisation(e.Ctx("ubnd.ld"), in)
		a2, err2 := e.Service.GrantAuthorisation(e.Ctx("ubnd.ld"), in)
		if err1 != nil || err2 != nil || a1.ID != a2.ID {
			t.Fatalf("replay: %v %v %s %s", err1, err2, a1.ID, a2.ID)
		}
	})
}
