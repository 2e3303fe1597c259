package bench

import (
	"context"
	crand "crypto/rand"
	"encoding/base64"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Size is what a province holds after a year of work.
type Size struct {
	Agencies, Divisions, People, Documents, PlanItems, Tasks int
}

// SizeAt is the default province (633 agencies, 31,300 people, 400,000
// issued documents whose receipts come to about 2,000,000, 60,000 plan
// items and 150,000 tasks) times scale, never below three agencies.
func SizeAt(scale float64) Size {
	n := func(full float64, least int) int { return max(least, int(math.Round(full*scale))) }
	s := Size{Agencies: n(633, 3), People: n(31300, 12), Documents: n(400000, 20), PlanItems: n(60000, 4)}
	s.Divisions = 5 * s.Agencies
	s.Tasks = s.PlanItems * 5 / 2 // a lead and, on average, one and a half cooperating units
	return s
}

// planItems is how many items a generated plan has.
const planItems = 20

// Agency is a generated agency: its divisions and the three people the
// generator acts as (the others exist, to be counted and to sign in).
type Agency struct {
	ID, Short            string
	Divisions            []string
	Leader, Clerk, Staff string // usernames; Staff drafts and reports
}

// Province is a generated province on a running stack.
type Province struct {
	st       *Stack
	Agencies []Agency
	// Issued is what was issued (documents, then the plans).
	Issued []IssuedDoc
	Plans  []string
	// Counts of what was made.
	Made  Size
	Recvd int // receipts (one per recipient agency of each document)
	Repts int // progress reports submitted

	mu     sync.Mutex
	tokens map[string]*token
}

// IssuedDoc is what the figures need to know of an issued document.
type IssuedDoc struct {
	ID, Notation string
	Sender       int // index in Agencies
	Recipients   []int
}

// token is a user's; its lock makes concurrent callers wait for one
// sign-in rather than each sign in (identity throttles repeated ones).
type token struct {
	mu    sync.Mutex
	value string
	at    time.Time
}

// provincePassword is every generated person's. People are created
// through the identity API with one argon2id hash of it, computed here
// once (identity's own parameters), as a bulk import does: hashing each
// person's password would take most of the generation's time.
const provincePassword = "Mat-khau-tinh-2026"

// passwordHash is provincePassword in argon2id PHC form.
func passwordHash() (string, error) {
	salt := make([]byte, 16)
	if _, err := crand.Read(salt); err != nil {
		return "", err
	}
	const memory, passes, threads = 19456, 2, 1
	key := argon2.IDKey([]byte(provincePassword), salt, passes, memory, threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, passes, threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// Progress is told what a phase has done so far.
type Progress func(phase string, done, total int, elapsed time.Duration)

// Generate builds a province of size sz on st through the services' own
// API, with workers concurrent callers, and waits for the stack to have
// taken in every event (tasks, read models) before it returns.
func Generate(ctx context.Context, st *Stack, sz Size, workers int, seed uint64, progress Progress) (*Province, error) {
	p := &Province{st: st, tokens: map[string]*token{}}
	r := rand.New(rand.NewPCG(seed, 1))
	if err := p.people(ctx, sz, workers, progress); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	if err := p.documents(ctx, r, sz, workers, progress); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	if _, _, err := st.WaitIdle(ctx, time.Hour); err != nil {
		return nil, err
	}
	if err := p.reports(ctx, workers, progress); err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	if _, _, err := st.WaitIdle(ctx, time.Hour); err != nil {
		return nil, err
	}
	return p, nil
}

// As is the API clients acting as username, signing in again when the
// token is older than ten minutes (they live 15).
func (p *Province) As(username string) *apis.Clients {
	return clientsFor(p.st, provToken{p, username})
}

type provToken struct {
	p    *Province
	user string
}

func (t provToken) AccessToken(ctx context.Context) (string, error) {
	t.p.mu.Lock()
	tok, ok := t.p.tokens[t.user]
	if !ok {
		tok = &token{}
		t.p.tokens[t.user] = tok
	}
	t.p.mu.Unlock()
	tok.mu.Lock()
	defer tok.mu.Unlock()
	if tok.value != "" && time.Since(tok.at) < 10*time.Minute {
		return tok.value, nil
	}
	v, err := login(ctx, t.p.st.Identity, t.user, provincePassword)
	if err != nil {
		return "", err
	}
	tok.value, tok.at = v, time.Now()
	return v, nil
}

// people creates the agencies (the first is the provincial People's
// Committee, parent of the others), five divisions each, and the people:
// in each agency a leader, a clerk in its office, a specialist who drafts
// and reports, and specialists in the divisions up to sz.People.
func (p *Province) people(ctx context.Context, sz Size, workers int, progress Progress) error {
	tok, err := login(ctx, p.st.Identity, "admin", p.st.AdminPassword)
	if err != nil {
		return err
	}
	admin := clientsFor(p.st, staticToken(tok)).Identity
	start := time.Now()
	p.Agencies = make([]Agency, sz.Agencies)
	divNames := []string{"Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Nghiệp vụ", "Thanh tra"}
	mk := func(i int) error {
		a := &p.Agencies[i]
		a.Short = fmt.Sprintf("CQ%03d", i)
		name := agencyName(i)
		parent := ""
		if i > 0 {
			parent = p.Agencies[0].ID
			a.Short = fmt.Sprintf("S%03d", i)
		} else {
			a.Short = "UBND"
		}
		u, err := admin.CreateUnit(ctx, identityapi.NewUnit{Kind: "agency", Name: name, ShortName: a.Short, ParentID: parent})
		if err != nil {
			return err
		}
		a.ID = u.ID
		for j, dn := range divNames {
			d, err := admin.CreateUnit(ctx, identityapi.NewUnit{Kind: "division", Name: dn, ShortName: fmt.Sprintf("P%d", j), ParentID: a.ID})
			if err != nil {
				return err
			}
			a.Divisions = append(a.Divisions, d.ID)
		}
		return nil
	}
	if err := mk(0); err != nil { // the parent of the others
		return err
	}
	if err := parallel(ctx, workers, sz.Agencies-1, func(i int) error { return mk(i + 1) }); err != nil {
		return err
	}
	p.Made.Agencies, p.Made.Divisions = sz.Agencies, sz.Agencies*len(divNames)
	progress("units", p.Made.Agencies+p.Made.Divisions, p.Made.Agencies+p.Made.Divisions, time.Since(start))
	type person struct {
		username, unit, role string
	}
	var all []person
	for i := range p.Agencies {
		a := &p.Agencies[i]
		a.Leader, a.Clerk, a.Staff = fmt.Sprintf("cq%03d.lanhdao", i), fmt.Sprintf("cq%03d.vanthu", i), fmt.Sprintf("cq%03d.chuyenvien", i)
		all = append(all, person{a.Leader, a.ID, "leader"}, person{a.Clerk, a.Divisions[0], "clerk"}, person{a.Staff, a.ID, "specialist"})
	}
	for k := 0; len(all) < sz.People; k++ {
		i := k % len(p.Agencies)
		a := p.Agencies[i]
		all = append(all, person{fmt.Sprintf("cq%03d.cb%04d", i, k/len(p.Agencies)), a.Divisions[k%len(a.Divisions)], "specialist"})
	}
	hash, err := passwordHash()
	if err != nil {
		return err
	}
	start = time.Now()
	var done atomic.Int64
	err = parallel(ctx, workers, len(all), func(i int) error {
		u := all[i]
		_, err := admin.CreateUser(ctx, identityapi.NewUser{Username: u.username, FullName: fullName(i), Email: u.username + "@tinh.gov.vn",
			UnitID: u.unit, Roles: []string{u.role}, PasswordHash: hash})
		if n := done.Add(1); n%500 == 0 {
			progress("people", int(n), len(all), time.Since(start))
		}
		return err
	})
	p.Made.People = len(all)
	progress("people", len(all), len(all), time.Since(start))
	return err
}

// documents issues sz.Documents documents, plans included, each drafted by
// the sending agency's specialist, submitted, approved by its leader and
// issued by its clerk, as people do it. A few agencies send most (a Zipf
// law over agencies); each document goes to one to nine other agencies.
func (p *Province) documents(ctx context.Context, r *rand.Rand, sz Size, workers int, progress Progress) error {
	plans := max(1, sz.PlanItems/planItems)
	n := sz.Documents
	zipf := rand.NewZipf(r, 1.3, 2, uint64(len(p.Agencies)-1))
	type job struct {
		d      documentsapi.NewDocument
		sender int
		rcpt   []int
		plan   bool
	}
	jobs := make([]job, n)
	due := time.Now().AddDate(0, 0, 1)
	for i := range jobs {
		sender := int(zipf.Uint64())
		j := job{sender: sender, plan: i%(max(1, n/plans)) == 0 && len(p.Plans) < plans}
		k := min(1+r.IntN(9), len(p.Agencies)-1)
		for _, x := range r.Perm(len(p.Agencies) - 1)[:k] {
			if x >= sender {
				x++
			}
			j.rcpt = append(j.rcpt, x)
		}
		j.d = documentsapi.NewDocument{Kind: pickKind(r), Summary: summary(r, i), Body: "Nội dung văn bản.", Urgency: pickUrgency(r),
			DraftingUnitID: p.Agencies[sender].Divisions[1+r.IntN(4)]}
		if j.plan {
			p.Plans = append(p.Plans, "") // a place, filled in once issued
			j.d.Kind = "plan"
			for it := range planItems {
				lead := j.rcpt[it%len(j.rcpt)]
				item := documentsapi.Item{Title: fmt.Sprintf("Nhiệm vụ %d: %s", it+1, topics[r.IntN(len(topics))]),
					LeadUnitID: p.Agencies[lead].ID, DueDate: due.AddDate(0, 0, r.IntN(365)).Format("2006-01-02")}
				coop := 1 + it%2 // 1.5 on average
				for c := 0; c < coop && c < len(j.rcpt)-1; c++ {
					item.CooperatingUnitIDs = append(item.CooperatingUnitIDs, p.Agencies[j.rcpt[(it+1+c)%len(j.rcpt)]].ID)
				}
				j.d.Items = append(j.d.Items, item)
			}
		}
		for _, x := range j.rcpt {
			j.d.Recipients = append(j.d.Recipients, p.Agencies[x].ID)
		}
		if j.d.Kind == "directive" || j.d.Kind == "plan" {
			j.d.DueDate = due.AddDate(0, 3, 0).Format("2006-01-02")
		}
		jobs[i] = j
	}
	p.Issued = make([]IssuedDoc, n)
	planAt := make([]int, 0, plans)
	for i, j := range jobs {
		if j.plan {
			planAt = append(planAt, i)
		}
	}
	start := time.Now()
	var done atomic.Int64
	err := parallel(ctx, workers, n, func(i int) error {
		j := jobs[i]
		a := p.Agencies[j.sender]
		d, err := p.As(a.Staff).Documents.Create(ctx, j.d, "")
		if err != nil {
			return err
		}
		if _, err := p.As(a.Staff).Documents.Action(ctx, d.ID, "submit", nil); err != nil {
			return err
		}
		if _, err := p.As(a.Leader).Documents.Action(ctx, d.ID, "approve", nil); err != nil {
			return err
		}
		d, err = p.As(a.Clerk).Documents.Action(ctx, d.ID, "issue", nil)
		if err != nil {
			return err
		}
		p.Issued[i] = IssuedDoc{ID: d.ID, Notation: d.Notation, Sender: j.sender, Recipients: j.rcpt}
		if n := done.Add(1); n%1000 == 0 {
			progress("documents", int(n), len(jobs), time.Since(start))
		}
		return nil
	})
	if err != nil {
		return err
	}
	progress("documents", n, n, time.Since(start))
	for k, i := range planAt {
		p.Plans[k] = p.Issued[i].ID
		p.Made.PlanItems += len(jobs[i].d.Items)
		for _, it := range jobs[i].d.Items {
			p.Made.Tasks += 1 + len(it.CooperatingUnitIDs)
		}
	}
	p.Made.Documents = n
	for _, d := range p.Issued {
		p.Recvd += len(d.Recipients)
	}
	return nil
}

// reports has each agency's specialist report progress once on every
// task of its inbox, as the reports phase of a year would leave them.
func (p *Province) reports(ctx context.Context, workers int, progress Progress) error {
	start := time.Now()
	var done atomic.Int64
	err := parallel(ctx, workers, len(p.Agencies), func(i int) error {
		c := p.As(p.Agencies[i].Staff).Tasks
		cursor := ""
		for {
			q := map[string][]string{"box": {"inbox"}, "limit": {"200"}}
			if cursor != "" {
				q["cursor"] = []string{cursor}
			}
			page, err := c.Page(ctx, q)
			if err != nil {
				return err
			}
			for k, t := range page.Items {
				pct := 10 + (k*7)%80
				if err := c.Action(ctx, t.ID, "reports", tasksapi.NewReport{ProgressPercent: &pct, Summary: "Đã triển khai một phần nhiệm vụ theo kế hoạch", Final: new(false)}, ""); err != nil {
					return err
				}
				if n := done.Add(1); n%1000 == 0 {
					progress("reports", int(n), p.Made.Tasks, time.Since(start))
				}
			}
			if page.NextCursor == "" {
				return nil
			}
			cursor = page.NextCursor
		}
	})
	p.Repts = int(done.Load())
	progress("reports", p.Repts, p.Made.Tasks, time.Since(start))
	return err
}
