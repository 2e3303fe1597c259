package console

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// vnZone is Asia/Ho_Chi_Minh, which has had no daylight saving since 1975;
// a fixed zone needs no tzdata on the host.
var vnZone = time.FixedZone("ICT", 7*3600)

var labels = map[string]map[string]string{
	"urgency": {"normal": "Thường", "urgent": "Khẩn", "very_urgent": "Thượng khẩn", "flash": "Hỏa tốc"},
	"doc": {"draft": "Dự thảo", "pending_approval": "Chờ duyệt", "approved": "Đã duyệt", "issued": "Đã ban hành",
		"revoked": "Đã thu hồi"},
	"receipt": {"received": "Mới đến", "registered": "Đã vào sổ", "directed": "Đã chỉ đạo", "done": "Đã hoàn thành"},
	"task": {"assigned": "Mới giao", "in_progress": "Đang thực hiện", "awaiting_review": "Chờ đánh giá",
		"completed": "Hoàn thành", "cancelled": "Đã hủy"},
	"class": {"completed_on_time": "Hoàn thành đúng hạn", "completed_late": "Hoàn thành quá hạn",
		"open_within_deadline": "Đang thực hiện trong hạn", "open_overdue": "Quá hạn chưa hoàn thành"},
	"kind": {"directive": "Chỉ thị", "plan": "Kế hoạch", "report": "Báo cáo", "decision": "Quyết định",
		"notice": "Thông báo", "submission": "Tờ trình", "invitation": "Giấy mời", "official_letter": "Công văn"},
	"role": {"lead": "Chủ trì", "cooperate": "Phối hợp", "leader": "Lãnh đạo", "specialist": "Chuyên viên",
		"clerk": "Văn thư", "admin": "Quản trị"},
	"decision": {"accepted": "Đạt", "returned": "Trả lại"},
	"field": {"summary": "Trích yếu", "body": "Nội dung", "kind": "Loại văn bản", "urgency": "Độ khẩn",
		"confidentiality": "Độ mật", "recipients": "Nơi nhận", "due_date": "Hạn xử lý", "reason": "Lý do",
		"lead_unit_id": "Đơn vị chủ trì", "cooperating_unit_ids": "Đơn vị phối hợp", "note": "Ý kiến chỉ đạo",
		"progress_percent": "Tiến độ (%)", "result": "Kết quả", "decision": "Đánh giá", "comment": "Nhận xét",
		"signing_mark": "Hình thức ký", "username": "Tên đăng nhập", "password": "Mật khẩu"},
	"action": {"create": "Tạo dự thảo", "edit": "Sửa dự thảo", "submit": "Trình duyệt", "approve": "Phê duyệt",
		"reject": "Trả lại", "issue": "Ban hành", "revoke": "Thu hồi", "register": "Vào sổ", "direct": "Chỉ đạo",
		"assign": "Giao việc", "accept": "Nhận việc", "report": "Báo cáo", "review": "Đánh giá",
		"delegate": "Giao lại", "complete": "Hoàn thành", "cancel": "Hủy"},
	// A task's history names its transitions in the past tense.
	"task_action": {"assigned": "Giao việc", "accepted": "Nhận việc", "delegated": "Giao lại cho đơn vị cấp dưới",
		"report_submitted": "Gửi báo cáo", "report_reviewed": "Đánh giá báo cáo", "completed": "Hoàn thành",
		"extension_requested": "Xin gia hạn", "extension_decided": "Quyết định gia hạn", "cancelled": "Hủy nhiệm vụ"},
}

// label translates a code of a kind (urgency, doc, task, ...), or shows
// the code itself when it is new to the console.
func label(kind, code string) string {
	if l, ok := labels[kind][code]; ok {
		return l
	}
	return code
}

// date shows a YYYY-MM-DD date or a time as dd/mm/yyyy.
func date(v any) string {
	switch d := v.(type) {
	case string:
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return d
		}
		return t.Format("02/01/2006")
	case time.Time:
		if d.IsZero() {
			return ""
		}
		return d.In(vnZone).Format("02/01/2006")
	case *time.Time:
		if d == nil {
			return ""
		}
		return date(*d)
	}
	return fmt.Sprint(v)
}

// datetime shows a time as dd/mm/yyyy hh:mm, Vietnam time.
func datetime(v any) string {
	switch d := v.(type) {
	case time.Time:
		if d.IsZero() {
			return ""
		}
		return d.In(vnZone).Format("02/01/2006 15:04")
	case *time.Time:
		if d == nil {
			return ""
		}
		return datetime(*d)
	}
	return fmt.Sprint(v)
}

var funcs = template.FuncMap{
	"label":    label,
	"date":     date,
	"datetime": datetime,
	"indent":   func(depth int) string { return strings.Repeat("— ", depth) },
	"list":     func(s ...string) []string { return s },
	"hasAny":   func(ss []string, s string) bool { return contains(ss, s) },
	"percent": func(f *float64) string {
		if f == nil {
			return "—"
		}
		return fmt.Sprintf("%.0f%%", *f*100)
	},
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// describe turns a refusal into a message in plain Vietnamese: what
// happened by its status, then the service's own detail and each named
// field.
func describe(err error) session.Flash {
	var p *client.Problem
	if !errors.As(err, &p) {
		return session.Flash{Text: "Không kết nối được tới hệ thống. Vui lòng thử lại sau ít phút."}
	}
	f := session.Flash{}
	switch {
	case p.OAuthError == "invalid_grant":
		f.Text = "Tên đăng nhập hoặc mật khẩu không đúng."
		return f
	case p.Status == http.StatusBadRequest:
		f.Text = "Thông tin chưa hợp lệ, vui lòng kiểm tra lại."
	case p.Status == http.StatusUnauthorized:
		f.Text = "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại."
	case p.Status == http.StatusForbidden:
		f.Text = "Bạn không có quyền thực hiện thao tác này."
	case p.Status == http.StatusNotFound:
		f.Text = "Không tìm thấy, hoặc bạn không có quyền xem."
	case p.Status == http.StatusConflict:
		f.Text = "Trạng thái hiện tại không cho phép thao tác này."
		if p.CurrentStatus != "" {
			f.Text = fmt.Sprintf("Trạng thái hiện tại (%s) không cho phép thao tác này.", currentStatus(p.CurrentStatus))
		}
	case p.Status == http.StatusRequestEntityTooLarge:
		f.Text = "Nội dung quá lớn."
	case p.Status == http.StatusTooManyRequests:
		f.Text = "Bạn thao tác quá nhiều lần. Vui lòng thử lại sau ít phút."
	default:
		f.Text = "Hệ thống đang gặp sự cố, vui lòng thử lại sau."
	}
	for _, fe := range p.Errors {
		f.Details = append(f.Details, label("field", fe.Field)+": "+fe.Message)
	}
	detail := p.Detail
	if detail == "" {
		detail = p.OAuthDetail
	}
	if detail != "" && p.Status < 500 {
		f.Details = append(f.Details, "Chi tiết: "+detail)
	}
	return f
}

// currentStatus names a status of any kind of resource.
func currentStatus(s string) string {
	for _, k := range []string{"doc", "receipt", "task"} {
		if l, ok := labels[k][s]; ok {
			return l
		}
	}
	return s
}
