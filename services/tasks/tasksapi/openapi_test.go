package tasksapi

import (
	"encoding/json"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/openapicheck"
)

// schemaTypes is every object schema of openapi.json with the Go type that
// is its wire form. Problem is the error body every service shares
// (pkg/httpx writes it).
var schemaTypes = map[string]any{
	"Task":                     Task{},
	"TaskList":                 TaskList{},
	"TaskDetail":               TaskDetail{},
	"Report":                   Report{},
	"Review":                   Review{},
	"HistoryEntry":             HistoryEntry{},
	"Extension":                Extension{},
	"Totals":                   Totals{},
	"ReportRequest":            ReportRequest{},
	"UnitReport":               UnitReport{},
	"ItemProgress":             ItemProgress{},
	"PlanProgress":             PlanProgress{},
	"UnitStat":                 UnitStat{},
	"UnitStats":                UnitStats{},
	"Load":                     Load{},
	"OpenTask":                 OpenTask{},
	"Figures":                  Figures{},
	"AnalyticsRow":             AnalyticsRow{},
	"Analytics":                Analytics{},
	"Delegation":               Delegation{},
	"Calendar":                 Calendar{},
	"CalendarDay":              CalendarDay{},
	"CalendarUpdate":           CalendarUpdate{},
	"NewReport":                NewReport{},
	"ReviewRequest":            ReviewRequest{},
	"ReviewResult":             ReviewResult{},
	"ExtensionRequest":         ExtensionRequest{},
	"ExtensionDecisionRequest": ExtensionDecisionRequest{},
	"ExtensionDecision":        ExtensionDecision{},
	"ReminderRules":            ReminderRules{},
	"ReminderRulesRequest":     ReminderRulesRequest{},
	"DigestsSent":              DigestsSent{},
	"Problem":                  httpx.Problem{},
}

// TestOpenAPIMatchesTypes: the document and the types agree field by
// field, so that neither gains, loses or retypes a field alone.
func TestOpenAPIMatchesTypes(t *testing.T) {
	problems, err := openapicheck.Diff(OpenAPI, schemaTypes)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestOpenAPIObjectsAreTyped: no route body is an inline object the test
// above would miss (an object schema with no type openapicheck.Diff
// reports itself).
func TestOpenAPIObjectsAreTyped(t *testing.T) {
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	type media struct {
		Schema struct {
			Ref  string `json:"$ref"`
			Type string `json:"type"`
		} `json:"schema"`
	}
	for path, ops := range doc.Paths {
		for method, raw := range ops {
			var op struct {
				RequestBody struct {
					Content map[string]media `json:"content"`
				} `json:"requestBody"`
				Responses map[string]struct {
					Content map[string]media `json:"content"`
				} `json:"responses"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				continue // a path-level entry such as parameters
			}
			bodies := map[string]media{}
			for ct, m := range op.RequestBody.Content {
				bodies["request "+ct] = m
			}
			for code, r := range op.Responses {
				for ct, m := range r.Content {
					bodies[code+" "+ct] = m
				}
			}
			for at, m := range bodies {
				if m.Schema.Ref == "" && m.Schema.Type == "object" {
					t.Errorf("%s %s %s: an inline object schema; name it in components.schemas", method, path, at)
				}
			}
		}
	}
}
