package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// Plan limits (API.md).
const (
	MaxItems           = 2_000
	MaxItemTitle       = 500
	MaxItemDescription = 4_000
	MaxIndicator       = 500
)

// Cadence is how often an item's units report: weekly, monthly,
// quarterly, or on fixed dates written "dates:YYYY-MM-DD,YYYY-MM-DD".
type Cadence string

const (
	CadenceNone      Cadence = "none"
	CadenceWeekly    Cadence = "weekly"
	CadenceMonthly   Cadence = "monthly"
	CadenceQuarterly Cadence = "quarterly"
)

// maxCadenceDates bounds the fixed report dates of one item.
const maxCadenceDates = 60

// Valid reports whether c is a known cadence.
func (c Cadence) Valid() bool {
	switch c {
	case CadenceNone, CadenceWeekly, CadenceMonthly, CadenceQuarterly:
		return true
	}
	list, ok := strings.CutPrefix(string(c), "dates:")
	if !ok || list == "" || strings.Count(list, ",") >= maxCadenceDates {
		return false
	}
	for _, d := range strings.Split(list, ",") {
		if t, err := time.Parse(time.DateOnly, d); err != nil || t.Format(time.DateOnly) != d {
			return false
		}
	}
	return true
}

// Indicator is an item's measurable target (e.g. a PAPI component score).
type Indicator struct {
	Name   string
	Target string
}

// PlanItem is one task (nhiệm vụ) of a plan.
type PlanItem struct {
	ID                 string // set by the server
	Title              string
	Description        string
	LeadUnitID         string
	CooperatingUnitIDs []string
	DueDate            string
	ReportCadence      Cadence
	Indicator          *Indicator
}

// UnitIDs are the units the item names, lead first.
func (it PlanItem) UnitIDs() []string {
	return append([]string{it.LeadUnitID}, it.CooperatingUnitIDs...)
}

func (it *PlanItem) normalize() {
	it.Title = strings.TrimSpace(it.Title)
	if it.ReportCadence == "" {
		it.ReportCadence = CadenceNone
	}
	if it.CooperatingUnitIDs == nil {
		it.CooperatingUnitIDs = []string{}
	}
	if it.Indicator != nil {
		it.Indicator.Name = strings.TrimSpace(it.Indicator.Name)
	}
}

// validateItems checks the items of a draft; fields are named
// items[i].field. Past due dates are allowed: plans are entered late.
func validateItems(v *apperr.Validator, kind Kind, items []PlanItem) {
	if len(items) == 0 {
		return
	}
	if kind != KindPlan {
		v.Add("items", "only a plan has items")
		return
	}
	if len(items) > MaxItems {
		v.Add("items", fmt.Sprintf("at most %d items", MaxItems))
		return
	}
	for i, it := range items {
		f := func(name string) string { return fmt.Sprintf("items[%d].%s", i, name) }
		v.Check(it.Title != "", f("title"), "is required")
		v.Check(utf8.RuneCountInString(it.Title) <= MaxItemTitle, f("title"), "must be at most 500 characters")
		v.Check(utf8.RuneCountInString(it.Description) <= MaxItemDescription, f("description"), "must be at most 4000 characters")
		v.Check(strings.TrimSpace(it.LeadUnitID) != "", f("lead_unit_id"), "is required")
		seen := map[string]bool{}
		for _, c := range it.CooperatingUnitIDs {
			switch {
			case strings.TrimSpace(c) == "":
				v.Add(f("cooperating_unit_ids"), "a unit id is empty")
			case c == it.LeadUnitID:
				v.Add(f("cooperating_unit_ids"), "the lead unit does not also cooperate")
			case seen[c]:
				v.Add(f("cooperating_unit_ids"), "unit "+c+" is named twice")
			}
			seen[c] = true
		}
		v.Check(ValidDate(it.DueDate), f("due_date"), "is required, a date written YYYY-MM-DD")
		v.Check(it.ReportCadence.Valid(), f("report_cadence"), "must be none, weekly, monthly, quarterly or dates:YYYY-MM-DD,...")
		if it.Indicator != nil {
			v.Check(it.Indicator.Name != "", f("indicator.name"), "is required")
			v.Check(utf8.RuneCountInString(it.Indicator.Name) <= MaxIndicator, f("indicator.name"), "must be at most 500 characters")
			v.Check(utf8.RuneCountInString(it.Indicator.Target) <= MaxIndicator, f("indicator.target"), "must be at most 500 characters")
		}
	}
}

// addItemUnits makes every unit an item names a recipient (API.md: the
// server adds missing ones), after the drafter's own.
func addItemUnits(recipients []string, items []PlanItem) []string {
	out := slices.Clone(recipients)
	for _, it := range items {
		for _, id := range it.UnitIDs() {
			if strings.TrimSpace(id) != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}
