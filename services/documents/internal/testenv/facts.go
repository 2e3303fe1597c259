package testenv

import (
	"context"
	"sync"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Facts are the directory's signing facts (app.DirectoryFacts, over the
// real read model and the fake identity) with the positions and agency
// regimes a test sets on top: identity's events do not carry them to the
// read model yet. The UBND starts as what it is, a collective body headed
// by a Chủ tịch; every other agency has no facts (head-led).
type Facts struct {
	app.SigningFacts
	mu       sync.Mutex
	people   map[string]domain.PersonFacts
	agencies map[string]domain.AgencyFacts
}

func newFacts(base app.SigningFacts) *Facts {
	f := &Facts{SigningFacts: base, people: map[string]domain.PersonFacts{}, agencies: map[string]domain.AgencyFacts{}}
	f.SetAgency("UBND", domain.RegimeCollective, "Chủ tịch", "Ủy ban nhân dân")
	return f
}

// SetPosition gives a person of People a position and, unless empty, a
// title.
func (f *Facts) SetPosition(login, title string, p domain.Position) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.people[People[login].Subject] = domain.PersonFacts{Title: title, Position: p}
}

// SetAgency gives an agency of Units (by short name) its regime, head
// title and collective name.
func (f *Facts) SetAgency(short string, r domain.Regime, headTitle, collectiveName string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u := Units[short]
	f.agencies[u.ID] = domain.AgencyFacts{ID: u.ID, Name: u.Name, Regime: r, HeadTitle: headTitle, CollectiveName: collectiveName}
}

func (f *Facts) Person(ctx context.Context, token, id string) (app.PersonInfo, error) {
	p, err := f.SigningFacts.Person(ctx, token, id)
	if err != nil {
		return p, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if pf, ok := f.people[id]; ok {
		p.Facts.Position = pf.Position
		if pf.Title != "" {
			p.Facts.Title = pf.Title
		}
	}
	return p, nil
}

func (f *Facts) Agency(ctx context.Context, token, id string) (domain.AgencyFacts, error) {
	a, err := f.SigningFacts.Agency(ctx, token, id)
	if err != nil {
		return a, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if af, ok := f.agencies[id]; ok {
		return af, nil
	}
	return a, nil
}
