// Package demo plays a scenario file (shaped like
// shared/scenarios/papi-khanhhoa-2022.json) against a running stack through
// the public APIs: seed the units and people, issue the directive, draft,
// approve and issue the plan implementing it, accept the tasks, send and
// review the reports, and issue the consolidated report back to the
// directive's issuer. Every run makes new documents; people are seeded
// idempotently, so a second run on the same stack works.
package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // the story's calendar is Viet Nam's, on any machine

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/seed"
)

// Scenario is a scenario file.
type Scenario struct {
	Name string `json:"name"`
	seed.File
	Directive Document `json:"directive"`
	Plan      Document `json:"plan"`
	Reports   []Report `json:"reports"`
}

// Document is a document of the story; unit references are file keys and
// people are usernames.
type Document struct {
	Issuer      string   `json:"issuer"`
	DraftedBy   string   `json:"drafted_by"`
	ApprovedBy  string   `json:"approved_by"`
	IssuedBy    string   `json:"issued_by"`
	SigningMark string   `json:"signing_mark"`
	Kind        string   `json:"kind"`
	Implements  string   `json:"implements"`
	Summary     string   `json:"summary"`
	Body        string   `json:"body"`
	Urgency     string   `json:"urgency"`
	Recipients  []string `json:"recipients"`
	DueDate     string   `json:"due_date"`
	Items       []Item   `json:"items"`
}

// Item is a plan item of the story.
type Item struct {
	Title         string   `json:"title"`
	Description   string   `json:"description"`
	Lead          string   `json:"lead"`
	Cooperating   []string `json:"cooperating"`
	DueDate       string   `json:"due_date"`
	ReportCadence string   `json:"report_cadence"`
	Indicator     *struct {
		Name   string `json:"name"`
		Target string `json:"target"`
	} `json:"indicator"`
}

// Report is a progress report of the story on a plan item (by index).
type Report struct {
	Item            int    `json:"item"`
	By              string `json:"by"`
	ProgressPercent int    `json:"progress_percent"`
	Summary         string `json:"summary"`
	Result          string `json:"result"`
	Final           bool   `json:"final"`
}

// Load reads and checks a scenario file.
func Load(path string) (Scenario, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Scenario{}, err
	}
	var s Scenario
	if err := json.Unmarshal(raw, &s); err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	if err := s.Check(); err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Check finds references the story cannot follow before anything is sent.
func (s Scenario) Check() error {
	errs := []error{s.File.Check()}
	units := map[string]bool{}
	for _, u := range s.Units {
		units[u.Key] = true
	}
	people := map[string]bool{}
	for _, u := range s.Users {
		people[u.Username] = true
	}
	unit := func(where, key string) {
		if !units[key] {
			errs = append(errs, fmt.Errorf("%s: unit %q is not in the file", where, key))
		}
	}
	person := func(where, name string) {
		if !people[name] {
			errs = append(errs, fmt.Errorf("%s: user %q is not in the file", where, name))
		}
	}
	date := func(where, d string) {
		if d == "" {
			return
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			errs = append(errs, fmt.Errorf("%s: due_date %q is not YYYY-MM-DD", where, d))
		}
	}
	for name, d := range map[string]Document{"directive": s.Directive, "plan": s.Plan} {
		unit(name, d.Issuer)
		person(name+".drafted_by", d.DraftedBy)
		person(name+".approved_by", d.ApprovedBy)
		person(name+".issued_by", d.IssuedBy)
		date(name, d.DueDate)
		for _, r := range d.Recipients {
			unit(name+".recipients", r)
		}
		for i, it := range d.Items {
			where := fmt.Sprintf("%s.items[%d]", name, i)
			unit(where+".lead", it.Lead)
			for _, c := range it.Cooperating {
				unit(where+".cooperating", c)
			}
			date(where, it.DueDate)
		}
	}
	if len(s.Plan.Items) == 0 {
		errs = append(errs, errors.New("plan: no items"))
	}
	for i, r := range s.Reports {
		where := fmt.Sprintf("reports[%d]", i)
		person(where+".by", r.By)
		if r.Item < 0 || r.Item >= len(s.Plan.Items) {
			errs = append(errs, fmt.Errorf("%s: the plan has no item %d", where, r.Item))
		}
	}
	return errors.Join(errs...)
}

// PlanTasks is how many tasks issuing the plan makes: one per item for its
// lead unit and one per cooperating unit.
func (s Scenario) PlanTasks() int {
	n := 0
	for _, it := range s.Plan.Items {
		n += 1 + len(it.Cooperating)
	}
	return n
}

// ShiftYears moves a YYYY-MM-DD date by whole years; 29 February becomes
// 28 February in a common year rather than spilling into March.
func ShiftYears(date string, years int) (string, error) {
	if date == "" || years == 0 {
		return date, nil
	}
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return "", err
	}
	out := time.Date(d.Year()+years, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	if out.Month() != d.Month() {
		out = time.Date(d.Year()+years, d.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return out.Format(time.DateOnly), nil
}

// YearsToNow is how many whole years move the story's directive into the
// current year (Asia/Ho_Chi_Minh's calendar).
func (s Scenario) YearsToNow(now time.Time) int {
	d, err := time.Parse(time.DateOnly, s.Directive.DueDate)
	if err != nil {
		return 0
	}
	return now.In(vietnam).Year() - d.Year()
}

var vietnam = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()
