package httpapi_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/poppler"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// scenario is the part of the demo's scenario the directive needs.
type scenario struct {
	Units []struct {
		Key, Kind, Name, Parent string
		ShortName               string `json:"short_name"`
	} `json:"units"`
	Users []struct {
		Username, Unit, Title string
		FullName              string   `json:"full_name"`
		Roles                 []string `json:"roles"`
	} `json:"users"`
	Directive struct {
		Kind, Summary, Body, Urgency string
		DraftedBy                    string   `json:"drafted_by"`
		ApprovedBy                   string   `json:"approved_by"`
		IssuedBy                     string   `json:"issued_by"`
		SigningMark                  string   `json:"signing_mark"`
		Recipients                   []string `json:"recipients"`
		DueDate                      string   `json:"due_date"`
	} `json:"directive"`
}

// TestDemoDirectivePDF issues the demo scenario's directive through the
// service and renders its signed PDF's first page as the demo shows it; with
// EOFFICE_UPDATE_DEMO_PNG=1 the page is written to
// testdata/demo-directive.png for people to look at.
func TestDemoDirectivePDF(t *testing.T) {
	bin := poppler.Tool(t, "pdftoppm")
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "scripts", "demo", "papi-khanhhoa-2022.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sc scenario
	if err := json.Unmarshal(raw, &sc); err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		sign, _ := testenv.LocalSigning(t)
		e := testenv.New(t, db, testenv.WithSigning(sign))
		e.SetClock(time.Date(2026, 3, 5, 2, 30, 0, 0, time.UTC))
		units := map[string]domain.Unit{}
		for i, u := range sc.Units {
			units[u.Key] = domain.Unit{ID: "demo-unit-" + string(rune('a'+i)), Kind: u.Kind, Name: u.Name, ShortName: u.ShortName, Active: true}
		}
		for _, u := range sc.Units {
			v := units[u.Key]
			if u.Parent != "" {
				v.ParentID = units[u.Parent].ID
			}
			v.AgencyID = v.ID
			if v.Kind == domain.UnitDivision {
				v.AgencyID = units[u.Parent].ID
			}
			units[u.Key] = v
		}
		// The agencies' facts and the leaders' positions as the demo's seed
		// derives them from names and titles: a People's Committee is a
		// collective body under its Chủ tịch, a Sở head-led; a leader is its
		// unit's head unless a deputy (Phó …).
		for _, u := range sc.Users {
			if !slices.Contains(u.Roles, "leader") || strings.HasPrefix(u.Title, "Phó") {
				continue
			}
			if v := units[u.Unit]; v.Kind == domain.UnitAgency && v.HeadTitle == "" {
				v.HeadTitle = u.Title
				units[u.Unit] = v
			}
		}
		for k, v := range units {
			if v.Kind != domain.UnitAgency {
				continue
			}
			v.Regime = string(domain.RegimeHeadLed)
			if strings.HasPrefix(strings.ToLower(v.Name), "ủy ban nhân dân") {
				v.Regime, v.CollectiveName = string(domain.RegimeCollective), "Ủy ban nhân dân"
			}
			var parent domain.Unit
			for _, p := range units {
				if p.ID == v.ParentID {
					parent = p
				}
			}
			v.PlaceName = domain.PlaceName(v, parent)
			units[k] = v
		}
		position := func(title string, roles []string) string {
			switch {
			case !slices.Contains(roles, "leader"):
				return ""
			case strings.HasPrefix(title, "Phó"):
				return string(domain.PositionDeputy)
			}
			return string(domain.PositionHead)
		}
		who := map[string]auth.Principal{}
		err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, u := range units {
				if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{}); err != nil {
					return err
				}
			}
			for _, u := range sc.Users {
				unit := units[u.Unit]
				p := auth.Principal{Subject: "demo-" + u.Username, Name: u.FullName, UnitID: unit.ID, AgencyID: unit.AgencyID, Roles: u.Roles}
				who[u.Username] = p
				if _, err := identityview.PutPerson(ctx, tx, identityview.Person{ID: p.Subject, FullName: p.Name, UnitID: p.UnitID,
					AgencyID: p.AgencyID, Title: u.Title, Position: position(u.Title, u.Roles), Roles: u.Roles, Active: true},
					identityview.Version{}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		as := func(login string) context.Context {
			p := who[login]
			p.Token = e.Issuer.Token(p)
			return auth.NewContext(context.Background(), p)
		}
		dir := sc.Directive
		in := domain.DraftInput{Kind: dir.Kind, Summary: dir.Summary, Body: dir.Body, Urgency: dir.Urgency, DueDate: dir.DueDate}
		for _, r := range dir.Recipients {
			in.Recipients = append(in.Recipients, units[r].ID)
		}
		v, err := e.Service.CreateDocument(as(dir.DraftedBy), app.CreateInput{Draft: in})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.SubmitDocument(as(dir.DraftedBy), v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.ApproveDocument(as(dir.ApprovedBy), v.ID, app.ApproveInput{SigningMark: dir.SigningMark}); err != nil {
			t.Fatal(err)
		}
		if v, err = e.Service.IssueDocument(as(dir.IssuedBy), v.ID); err != nil {
			t.Fatal(err)
		}
		_, rc, err := e.Service.DocumentPDF(as(dir.DraftedBy), v.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		pdfPath := filepath.Join(t.TempDir(), "directive.pdf")
		f, err := os.Create(pdfPath)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		_ = f.Close()
		if sigs := pdfsigFile(t, pdfPath); len(sigs) != 2 || !sigs[0].valid || !sigs[1].valid || !sigs[1].total {
			t.Fatalf("pdfsig: %+v", sigs)
		}
		out := filepath.Join(t.TempDir(), "page")
		if b, err := exec.Command(bin, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfPath, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
		png, err := os.ReadFile(out + ".png")
		if err != nil || len(png) < 1000 {
			t.Fatalf("rendered page: %d bytes, %v", len(png), err)
		}
		if os.Getenv("EOFFICE_UPDATE_DEMO_PNG") == "1" && db.Dialect == pkgstore.SQLite {
			if err := os.WriteFile(filepath.Join("..", "..", "testdata", "demo-directive.png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func pdfsigFile(t *testing.T, path string) []popplerSig {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return pdfsig(t, b)
}
