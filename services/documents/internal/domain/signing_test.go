package domain

import (
	"errors"
	"fmt"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

var (
	ubnd = AgencyFacts{ID: "A", Name: "Ủy ban nhân dân tỉnh Khánh Hòa", Regime: RegimeCollective,
		HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
	so = AgencyFacts{ID: "A", Name: "Sở Thông tin và Truyền thông", Regime: RegimeHeadLed, HeadTitle: "Giám đốc"}
)

// TestDecideEveryPositionRegimeAndMark holds the rules of API.md: the mark
// each position may use in each regime, and the signer's own mark when
// none is requested.
func TestDecideEveryPositionRegimeAndMark(t *testing.T) {
	leaderOfAgency := Actor{UserID: "u1", Name: "Nguyễn Văn A", UnitID: "A", AgencyID: "A", Roles: []string{RoleLeader}}
	specialist := Actor{UserID: "u1", Name: "Nguyễn Văn A", UnitID: "A-VP", AgencyID: "A", Roles: []string{RoleSpecialist}}
	// own: the mark decided when none is requested ("-": refused; "" no mark).
	own := map[Regime]map[Position]string{
		RegimeCollective: {PositionHead: "TM", PositionDeputy: "KT", PositionActingHead: "Q", PositionOfficeHead: "TL", PositionDivisionHead: "TL"},
		RegimeHeadLed:    {PositionHead: "", PositionDeputy: "KT", PositionActingHead: "Q", PositionOfficeHead: "TL", PositionDivisionHead: "TL"},
	}
	own[""] = own[RegimeHeadLed] // unset counts as head-led
	for _, regime := range []Regime{RegimeCollective, RegimeHeadLed, ""} {
		for _, pos := range []Position{PositionHead, PositionDeputy, PositionActingHead, PositionOfficeHead, PositionDivisionHead, ""} {
			for _, who := range []Actor{leaderOfAgency, specialist} {
				want, ok := own[regime][pos]
				if pos == "" {
					// A leader of the agency whose position is not set is its
					// head; anyone else unset has no mark of their own.
					want, ok = own[regime][PositionHead], who.Has(RoleLeader)
				}
				for _, req := range []Mark{"", MarkTM, MarkKT, MarkQ, MarkTL, MarkTUQ} {
					name := fmt.Sprintf("%s/%s/%s/%q", regime, pos, who.Roles[0], req)
					t.Run(name, func(t *testing.T) {
						agency := so
						agency.Regime = regime
						s := SigningAuthority{Signer: who, Person: PersonFacts{Position: pos}, Agency: agency,
							TLKinds: DefaultTLKinds, Today: "2026-03-05"}
						g, err := s.Decide(KindOfficialLetter, req)
						allowed := ok && (req == "" || string(req) == want)
						if !allowed {
							if !errors.Is(err, apperr.ErrForbidden) {
								t.Fatalf("got %+v, %v; want 403", g, err)
							}
							return
						}
						if err != nil || string(g.Mark) != want || g.Authorisation != nil {
							t.Fatalf("got %+v, %v; want mark %q", g, err, want)
						}
					})
				}
			}
		}
	}
}

func TestTLKinds(t *testing.T) {
	chanhVP := Actor{UserID: "cvp", Name: "Lê Văn C", UnitID: "A-VP", AgencyID: "A", Roles: []string{RoleLeader}}
	tests := []struct {
		name    string
		kinds   []Kind
		kind    Kind
		allowed bool
	}{
		{"default: an official letter", DefaultTLKinds, KindOfficialLetter, true},
		{"default: an invitation", DefaultTLKinds, KindInvitation, true},
		{"default: not a decision", DefaultTLKinds, KindDecision, false},
		{"default: not a directive", DefaultTLKinds, KindDirective, false},
		{"agency adds reports", []Kind{KindReport}, KindReport, true},
		{"agency's list replaces the default", []Kind{KindReport}, KindOfficialLetter, false},
		{"agency allows none", nil, KindNotice, false},
	}
	for _, tt := range tests {
		for _, pos := range []Position{PositionOfficeHead, PositionDivisionHead} {
			t.Run(tt.name+"/"+string(pos), func(t *testing.T) {
				s := SigningAuthority{Signer: chanhVP, Person: PersonFacts{Title: "Chánh Văn phòng", Position: pos},
					Agency: so, TLKinds: tt.kinds, Today: "2026-03-05"}
				g, err := s.Decide(tt.kind, MarkTL)
				if tt.allowed != (err == nil) || (err != nil && !errors.Is(err, apperr.ErrForbidden)) {
					t.Fatalf("got %+v, %v; allowed %v", g, err, tt.allowed)
				}
				if s.MaySign(tt.kind) != tt.allowed {
					t.Fatalf("MaySign = %v", !tt.allowed)
				}
			})
		}
	}
}

func TestTUQ(t *testing.T) {
	grantee := Actor{UserID: "gd-so", Name: "Phạm Minh D", UnitID: "A-KT", AgencyID: "A", Roles: []string{RoleSpecialist}}
	au := Authorisation{ID: "au1", AgencyID: "A", Grantor: Person{UserID: "ct", FullName: "Trần Văn Chủ"},
		Grantee: Person{UserID: "gd-so", FullName: "Phạm Minh D"}, From: "2026-03-02", To: "2026-03-06",
		Kinds: []Kind{KindDecision, KindReport}, Scope: ScopeSign}
	revoked := au
	revoked.RevokedAt = &testNow
	inbox := au
	inbox.Scope = ScopeInbox
	otherAgency := au
	otherAgency.AgencyID = "B"
	someoneElse := au
	someoneElse.Grantee.UserID = "x"
	tests := []struct {
		name  string
		au    Authorisation
		today string
		kind  Kind
		ok    bool
	}{
		{"first day", au, "2026-03-02", KindDecision, true},
		{"last day", au, "2026-03-06", KindReport, true},
		{"the day before from", au, "2026-03-01", KindDecision, false},
		{"the day after to", au, "2026-03-07", KindDecision, false},
		{"a kind not covered", au, "2026-03-03", KindDirective, false},
		{"revoked", revoked, "2026-03-03", KindDecision, false},
		{"inbox scope signs nothing", inbox, "2026-03-03", KindDecision, false},
		{"another agency's", otherAgency, "2026-03-03", KindDecision, false},
		{"granted to someone else", someoneElse, "2026-03-03", KindDecision, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SigningAuthority{Signer: grantee, Person: PersonFacts{Title: "Giám đốc Sở Tư pháp"}, Agency: ubnd,
				Authorisations: []Authorisation{tt.au}, Today: tt.today}
			for _, req := range []Mark{MarkTUQ, ""} {
				g, err := s.Decide(tt.kind, req)
				if !tt.ok {
					if !errors.Is(err, apperr.ErrForbidden) {
						t.Fatalf("%q: got %+v, %v; want 403", req, g, err)
					}
					continue
				}
				if err != nil || g.Mark != MarkTUQ || g.Authorisation == nil || g.Authorisation.ID != "au1" {
					t.Fatalf("%q: got %+v, %v", req, g, err)
				}
				sg := s.Signature(g)
				if sg.MarkLine != "TUQ. CHỦ TỊCH" || sg.PositionLine != "GIÁM ĐỐC SỞ TƯ PHÁP" ||
					sg.AuthorisationID != "au1" || sg.AuthorisedByID != "ct" || sg.AuthorisedByName != "Trần Văn Chủ" {
					t.Fatalf("signer = %+v", sg)
				}
			}
		})
	}
}

// TestPrintedLines holds the signature block's two lines to Decree 30's
// examples.
func TestPrintedLines(t *testing.T) {
	a := Actor{UserID: "u", Name: "Nguyễn Văn A", UnitID: "A", AgencyID: "A", Roles: []string{RoleLeader}}
	tests := []struct {
		name       string
		agency     AgencyFacts
		title      string
		pos        Position
		mark       Mark
		wantMark   string
		wantPos    string
		wantSigned SigningMark
	}{
		{"chairperson", ubnd, "Chủ tịch", PositionHead, "", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TM."},
		{"vice-chairperson", ubnd, "Phó Chủ tịch", PositionDeputy, "", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."},
		{"deputy director", so, "Phó Giám đốc", PositionDeputy, MarkKT, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "KT."},
		{"acting director", so, "Phó Giám đốc", PositionActingHead, "", "Q. GIÁM ĐỐC", "", "Q."},
		{"head of office", so, "Chánh Văn phòng", PositionOfficeHead, "", "TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "TL."},
		{"director", so, "Giám đốc", PositionHead, "", "", "GIÁM ĐỐC", ""},
		{"director, no title anywhere", AgencyFacts{ID: "A", Name: "Sở Y tế"}, "", "", "", "", "THỦ TRƯỞNG", ""},
		{"collective body without its own name", AgencyFacts{ID: "A", Name: "Ủy ban nhân dân huyện", Regime: RegimeCollective}, "", "", "",
			"TM. ỦY BAN NHÂN DÂN HUYỆN", "CHỦ TỊCH", "TM."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SigningAuthority{Signer: a, Person: PersonFacts{Title: tt.title, Position: tt.pos}, Agency: tt.agency,
				TLKinds: DefaultTLKinds, Today: "2026-03-05"}
			g, err := s.Decide(KindOfficialLetter, tt.mark)
			if err != nil {
				t.Fatal(err)
			}
			sg := s.Signature(g)
			if sg.MarkLine != tt.wantMark || sg.PositionLine != tt.wantPos || sg.SigningMark != tt.wantSigned ||
				sg.UserID != "u" || sg.FullName != "Nguyễn Văn A" || sg.Title != tt.title || sg.AuthorisationID != "" {
				t.Fatalf("signer = %+v", sg)
			}
		})
	}
}

func TestParseMark(t *testing.T) {
	for in, want := range map[string]Mark{"": "", "TM": MarkTM, "KT.": MarkKT, " Q ": MarkQ, "TL": MarkTL, "TUQ.": MarkTUQ} {
		if m, ok := ParseMark(in); !ok || m != want {
			t.Errorf("ParseMark(%q) = %q, %v", in, m, ok)
		}
	}
	for _, in := range []string{"XX", "tm", "KT..", "UQ"} {
		if _, ok := ParseMark(in); ok {
			t.Errorf("ParseMark(%q) accepted", in)
		}
	}
}
