// Package taskshttp reads what the consolidated report needs of the tasks
// service over its public API, as the signed-in caller: each unit's
// periodic reports of a plan's items, per period. It decodes only the
// fields it uses, so that documents does not depend on the tasks module.
package taskshttp

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
)

// Client calls GET /v1/plans/{id}/progress at the tasks service.
type Client struct {
	URLs client.Endpoints
	HTTP *http.Client
}

type token string

func (t token) AccessToken(context.Context) (string, error) { return string(t), nil }

// PeriodicReports lists the plan's periodic reports per item, unit and
// period, as the caller (token) may read them.
func (c *Client) PeriodicReports(ctx context.Context, tok, planID string) ([]app.PeriodicReport, error) {
	cl := client.New(c.URLs, token(tok))
	if c.HTTP != nil {
		cl.HTTP = c.HTTP
	}
	var p struct {
		Items []struct {
			PlanItemID string `json:"plan_item_id"`
			Reports    []struct {
				UnitID     string     `json:"unit_id"`
				Role       string     `json:"role"`
				Period     string     `json:"period"`
				DueDate    string     `json:"due_date"`
				State      string     `json:"state"`
				ReportedAt *time.Time `json:"reported_at"`
			} `json:"reports"`
		} `json:"items"`
	}
	if err := cl.Do(ctx, client.Tasks, http.MethodGet, "/v1/plans/"+url.PathEscape(planID)+"/progress", nil, &p); err != nil {
		return nil, err
	}
	var out []app.PeriodicReport
	for _, it := range p.Items {
		for _, r := range it.Reports {
			out = append(out, app.PeriodicReport{ItemID: it.PlanItemID, UnitID: r.UnitID, Role: r.Role, Period: r.Period,
				DueDate: r.DueDate, State: r.State, ReportedAt: r.ReportedAt})
		}
	}
	return out, nil
}
