package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// officialBody is the text printed as d's content: its body and, for a
// plan, its items. A plan's items are what the plan decides (who leads,
// who cooperates, by when), so its official PDF must carry them; they
// follow the body as numbered paragraphs under "NHIỆM VỤ CỤ THỂ", the way
// provincial plans print their task lists.
func (s *service) officialBody(ctx context.Context, token string, d domain.Document) string {
	if len(d.Items) == 0 {
		return d.Body
	}
	var b strings.Builder
	if body := strings.TrimSpace(d.Body); body != "" {
		b.WriteString(body)
		b.WriteString("\n\n")
	}
	b.WriteString("NHIỆM VỤ CỤ THỂ")
	for i, it := range d.Items {
		fmt.Fprintf(&b, "\n\n%d. %s", i+1, strings.TrimSuffix(strings.TrimSpace(it.Title), "."))
		if desc := strings.TrimSpace(it.Description); desc != "" {
			b.WriteString(". " + strings.Join(strings.Fields(desc), " "))
		}
		parts := []string{"Đơn vị chủ trì: " + s.unitName(ctx, token, it.LeadUnitID)}
		if len(it.CooperatingUnitIDs) > 0 {
			names := make([]string, len(it.CooperatingUnitIDs))
			for j, id := range it.CooperatingUnitIDs {
				names[j] = s.unitName(ctx, token, id)
			}
			parts = append(parts, "đơn vị phối hợp: "+strings.Join(names, ", "))
		}
		if it.DueDate != "" {
			parts = append(parts, "thời hạn hoàn thành: "+dayMonthYear(it.DueDate))
		}
		if it.ReportCadence != "" && it.ReportCadence != domain.CadenceNone {
			parts = append(parts, "báo cáo "+strings.ToLower(wording.CadenceName(string(it.ReportCadence))))
		}
		if it.Indicator != nil {
			parts = append(parts, fmt.Sprintf("chỉ tiêu: %s đạt %s", it.Indicator.Name, it.Indicator.Target))
		}
		b.WriteString(". " + strings.Join(parts, "; ") + ".")
	}
	return b.String()
}

// unitName is a unit's name from the directory, its id when unknown (a
// line that names something beats one that vanishes).
func (s *service) unitName(ctx context.Context, token, id string) string {
	if u, err := s.dir.Unit(ctx, token, id); err == nil && u.Name != "" {
		return u.Name
	}
	return id
}

// dayMonthYear prints a YYYY-MM-DD date the way Vietnamese documents do,
// dd/mm/yyyy; anything else prints as it is.
func dayMonthYear(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("02/01/2006")
}
