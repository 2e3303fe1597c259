package templates

import (
	"testing"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

func TestFormatDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-12-31", "31/12/2022"},
		{"2023-01-05", "05/01/2023"},
		{"2024-02-29", "29/02/2024"},
		{"", ""},
		{"31/12/2022", "31/12/2022"},
		{"2023-02-30", "2023-02-30"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.in); got != tt.want {
			t.Errorf("FormatDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTaskAssigned(t *testing.T) {
	base := TaskAssigned{
		TaskID:         "t-1",
		Title:          "Tuyên truyền về chỉ số PAPI",
		SourceNotation: "07/CT-UBND",
		UnitName:       "Sở Thông tin và Truyền thông",
		Role:           "lead",
		DueDate:        "2022-12-31",
		Urgency:        domain.UrgencyNormal,
	}
	tests := []struct {
		name      string
		edit      func(*TaskAssigned)
		wantTitle string
		wantBody  string
	}{
		{
			name:      "normal lead",
			edit:      func(*TaskAssigned) {},
			wantTitle: "Nhiệm vụ mới: Tuyên truyền về chỉ số PAPI",
			wantBody:  "Đơn vị Sở Thông tin và Truyền thông được giao chủ trì nhiệm vụ “Tuyên truyền về chỉ số PAPI” theo văn bản số 07/CT-UBND. Hạn xử lý: 31/12/2022.",
		},
		{
			name:      "delegated to a named person",
			edit:      func(t *TaskAssigned) { t.PersonName = "Hoàng Thị Em" },
			wantTitle: "Nhiệm vụ mới: Tuyên truyền về chỉ số PAPI",
			wantBody:  "Đơn vị Sở Thông tin và Truyền thông được giao chủ trì nhiệm vụ “Tuyên truyền về chỉ số PAPI” theo văn bản số 07/CT-UBND. Hạn xử lý: 31/12/2022. Người thực hiện: Hoàng Thị Em.",
		},
		{
			name:      "urgent",
			edit:      func(t *TaskAssigned) { t.Urgency = domain.UrgencyUrgent },
			wantTitle: "[Khẩn] Nhiệm vụ mới: Tuyên truyền về chỉ số PAPI",
		},
		{
			name:      "very urgent",
			edit:      func(t *TaskAssigned) { t.Urgency = domain.UrgencyVeryUrgent },
			wantTitle: "[Thượng khẩn] Nhiệm vụ mới: Tuyên truyền về chỉ số PAPI",
		},
		{
			name:      "flash",
			edit:      func(t *TaskAssigned) { t.Urgency = domain.UrgencyFlash },
			wantTitle: "[Hỏa tốc] Nhiệm vụ mới: Tuyên truyền về chỉ số PAPI",
		},
		{
			name:     "cooperating unit",
			edit:     func(t *TaskAssigned) { t.Role = "cooperate" },
			wantBody: "Đơn vị Sở Thông tin và Truyền thông được giao phối hợp thực hiện nhiệm vụ “Tuyên truyền về chỉ số PAPI” theo văn bản số 07/CT-UBND. Hạn xử lý: 31/12/2022.",
		},
		{
			name: "no role, notation or due date",
			edit: func(t *TaskAssigned) {
				t.Role, t.SourceNotation, t.DueDate = "", "", ""
			},
			wantBody: "Đơn vị Sở Thông tin và Truyền thông được giao nhiệm vụ “Tuyên truyền về chỉ số PAPI”.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.edit(&in)
			m := in.Render()
			if tt.wantTitle != "" && m.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", m.Title, tt.wantTitle)
			}
			if tt.wantBody != "" && m.Body != tt.wantBody {
				t.Errorf("body = %q, want %q", m.Body, tt.wantBody)
			}
			if m.Link != "/tasks/t-1" {
				t.Errorf("link = %q", m.Link)
			}
		})
	}
}
