package console

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/filecheck"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// vnZone is Asia/Ho_Chi_Minh, which has had no daylight saving since 1975;
// a fixed zone needs no tzdata on the host.
var vnZone = time.FixedZone("ICT", 7*3600)

var labels = map[string]map[string]string{
	"urgency": wording.Urgencies,
	// Statuses and the four follow-up classes have one name in every
	// service: pkg/wording's.
	"doc":     wording.DocumentStatuses,
	"receipt": wording.ReceiptStatuses,
	"task":    wording.TaskStatuses,
	"class":   classLabels(),
	"role": {"lead": "Chủ trì", "cooperate": "Phối hợp", "leader": "Lãnh đạo", "specialist": "Chuyên viên",
		"clerk": "Văn thư", "admin": "Quản trị"},
	"decision":       wording.Decisions,
	"signature_kind": {"person": "Cá nhân", "agency": "Cơ quan"},
	"field": {"summary": "Trích yếu", "body": "Nội dung", "kind": "Loại văn bản", "urgency": "Độ khẩn",
		"confidentiality": "Độ mật", "recipients": "Nơi nhận", "due_date": "Hạn xử lý", "reason": "Lý do",
		"lead_unit_id": "Đơn vị chủ trì", "cooperating_unit_ids": "Đơn vị phối hợp", "note": "Ý kiến chỉ đạo",
		"lead_user_id": "Cá nhân chủ trì", "cooperating_user_ids": "Cá nhân phối hợp", "informed_unit_ids": "Đơn vị để biết",
		"informed_user_ids": "Cá nhân để biết",
		"progress_percent":  "Tiến độ (%)", "result": "Kết quả", "decision": "Đánh giá", "comment": "Nhận xét",
		"signing_mark": "Hình thức ký", "username": "Tên đăng nhập", "password": "Mật khẩu",
		"before_days": "Nhắc trước hạn", "repeat_every": "Nhắc lại sau hạn", "escalate_after": "Số ngày quá hạn thì báo lãnh đạo"},
	"action": {"create": "Tạo dự thảo", "edit": "Sửa dự thảo", "submit": "Trình ký", "approve": "Ký",
		"reject": "Trả lại", "issue": "Cấp số, phát hành", "revoke": "Thu hồi", "register": "Vào sổ", "direct": "Phân công xử lý",
		"assign": "Giao việc", "accept": "Nhận việc", "report": "Báo cáo", "review": "Đánh giá",
		"delegate": "Phân công", "complete": "Hoàn thành", "cancel": "Hủy"},
	// A task's history names its transitions in the past tense.
	"task_action": {"assigned": "Giao việc", "accepted": "Nhận việc", "delegated": "Phân công cho đơn vị thuộc cơ quan",
		"report_submitted": "Gửi báo cáo", "report_reviewed": "Đánh giá báo cáo", "completed": "Hoàn thành",
		"extension_requested": "Xin gia hạn", "extension_decided": "Quyết định gia hạn", "cancelled": "Hủy nhiệm vụ"},
}

func classLabels() map[string]string {
	m := map[string]string{}
	for _, c := range wording.ClassesShown {
		m[c] = wording.ClassName(c)
	}
	return m
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
	"codespans": codeSpans,
	"label":     label,
	"date":      date,
	"datetime":  datetime,
	"indent":    func(depth int) string { return strings.Repeat("— ", depth) },
	"list":      func(s ...string) []string { return s },
	"hasAny":    func(ss []string, s string) bool { return contains(ss, s) },
	// days writes a number of days (float64, or *float64 with nil for
	// none) as officials do: two decimals after a comma.
	"days": func(v any) string {
		switch f := v.(type) {
		case float64:
			return decimal(f, 2)
		case *float64:
			if f != nil {
				return decimal(*f, 2)
			}
		}
		return "—"
	},
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
	var own flashError
	if errors.As(err, &own) {
		return own.Flash
	}
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
	case p.Status == http.StatusUnprocessableEntity:
		f.Text = "Tệp bị phát hiện có mã độc nên không được lưu."
	default:
		f.Text = "Hệ thống đang gặp sự cố, vui lòng thử lại sau."
	}
	for _, fe := range p.Errors {
		f.Details = append(f.Details, fieldLabel(fe.Field)+": "+message(fe.Message))
	}
	detail := p.Detail
	if detail == "" {
		detail = p.OAuthDetail
	}
	if detail == "the request has invalid fields" && len(p.Errors) > 0 {
		detail = "" // the fields above say it
	}
	if detail != "" && p.Status < 500 {
		f.Details = append(f.Details, "Chi tiết: "+withoutIDs(detail)) // ids mean nothing to people
	}
	return f
}

// currentStatus names a status of any kind of resource.
func currentStatus(s string) string {
	for _, k := range []string{"doc", "receipt", "task", "package_state"} {
		if l, ok := labels[k][s]; ok {
			return l
		}
	}
	return s
}

// Plans, plan progress, scoreboard and attachments.
func init() {
	funcs["megabytes"] = megabytes
	funcs["isPDF"] = isPDF
	funcs["acceptedFiles"] = filecheck.Accept
	funcs["classCount"] = count
	funcs["period"] = wording.PeriodName
	funcs["reportState"] = wording.ReportState
	funcs["add1"] = func(i int) int { return i + 1 }
	labels["cadence"] = map[string]string{"": "Không", "none": "Không", "weekly": "Hằng tuần", "monthly": "Hằng tháng", "quarterly": "Hằng quý"}
	funcs["cadence"] = wording.CadenceName
	labels["item_field"] = map[string]string{"title": "Tên nhiệm vụ", "description": "Mô tả",
		"lead_unit_id": "Đơn vị chủ trì", "cooperating_unit_ids": "Đơn vị phối hợp", "due_date": "Hạn hoàn thành",
		"report_cadence": "Chế độ báo cáo", "indicator.name": "Chỉ tiêu", "indicator.target": "Mục tiêu"}
	for k, v := range map[string]string{"implements_document_id": "Thực hiện chỉ thị", "items": "Các nhiệm vụ",
		"file": "Tệp đính kèm", "item_due_date": "Hạn hoàn thành", "from": "Từ ngày", "to": "Đến ngày"} {
		labels["field"][k] = v
	}
}

// itemField is a plan item's field as the service names it: items[2].title.
var itemField = regexp.MustCompile(`^items\[(\d+)\]\.(.+)$`)

// fieldLabel names a refused field; a plan item's is "Nhiệm vụ 3 — Tên
// nhiệm vụ", counting rows from 1 as the editor shows them.
func fieldLabel(field string) string {
	if m := itemField.FindStringSubmatch(field); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("Nhiệm vụ %d — %s", n+1, label("item_field", m[2]))
	}
	return label("field", field)
}

// Delegation, extensions and administration.
func init() {
	labels["extension"] = map[string]string{"pending": "Chờ quyết định", "approved": "Đã đồng ý", "rejected": "Không đồng ý"}
	labels["unit_kind"] = map[string]string{"agency": "Cơ quan", "division": "Đơn vị thuộc cơ quan"}
	// An agency's regime and a person's position decide the signing marks
	// (TM., KT., Q., TL.) of the documents they sign.
	labels["regime"] = map[string]string{"": "Chưa đặt (coi như Thủ trưởng)", "collective": "Tập thể (TM.)", "head_led": "Thủ trưởng"}
	labels["position"] = map[string]string{"": "Chưa đặt", "head": "Thủ trưởng", "deputy": "Cấp phó", "acting_head": "Quyền thủ trưởng",
		"office_head": "Chánh Văn phòng", "division_head": "Trưởng phòng"}
	labels["scope"] = map[string]string{"documents:read": "Đọc văn bản", "events:read": "Nhận sự kiện",
		"exchange:read": "Đọc gói tin liên thông", "exchange:write": "Gửi gói tin liên thông (edXML)",
		"tasks:read": "Đọc nhiệm vụ", "units:read": "Đọc danh mục đơn vị", "users:read": "Đọc danh sách cán bộ",
		"webhooks:write": "Đăng ký webhook"}
	for k, v := range map[string]string{"assignee_unit_id": "Đơn vị nhận việc", "assignee_user_id": "Người được giao",
		"name": "Tên", "short_name": "Tên viết tắt", "code": "Mã định danh", "parent_id": "Đơn vị cấp trên",
		"full_name": "Họ và tên", "email": "Thư điện tử", "unit_id": "Đơn vị", "roles": "Vai trò", "title": "Chức vụ",
		"scopes": "Quyền truy cập", "children": "Đơn vị thuộc cơ quan", "users": "Người dùng",
		"place_name": "Địa danh", "regime": "Chế độ làm việc", "head_title": "Chức danh người đứng đầu",
		"collective_name": "Tên tập thể ký thay mặt (TM.)", "position": "Vị trí ký văn bản"} {
		labels["field"][k] = v
	}
	// The services' field messages that people meet most, in Vietnamese;
	// any other is shown as the service wrote it.
	labels["message"] = map[string]string{
		"is required":                                                "bắt buộc nhập",
		"no such unit":                                               "không có đơn vị này",
		"unit is inactive":                                           "đơn vị đã ngừng hoạt động",
		"already used by a sibling unit":                             "đã có đơn vị cùng cấp dùng tên này",
		"already used by another unit":                               "đã có đơn vị khác dùng mã này",
		"a division needs a parent unit":                             "đơn vị thuộc cơ quan phải có đơn vị cấp trên",
		"is required for roles other than admin":                     "bắt buộc với mọi vai trò trừ Quản trị",
		"at least one role is required":                              "chọn ít nhất một vai trò",
		"at least one scope is required":                             "chọn ít nhất một quyền",
		"must be at least 10 characters":                             "phải có ít nhất 10 ký tự",
		"must not contain the username":                              "không được chứa tên đăng nhập",
		"must be an e-mail address such as name@example.gov.vn":      "phải là địa chỉ thư điện tử, ví dụ ten@khanhhoa.gov.vn",
		"must be 3 to 64 lowercase letters, digits, '.', '_' or '-'": "từ 3 đến 64 ký tự: chữ thường không dấu, chữ số, '.', '_' hoặc '-'",
		"is not a child unit of the assignee":                        "không phải đơn vị thuộc cơ quan của đơn vị thực hiện",
		"already taken":                                              "đã có người dùng",
		"is not a known user":                                        "không có người dùng này",
		"is deactivated":                                             "tài khoản đã bị khóa",
		"is neither the assignee unit nor a child unit of it":        "không phải đơn vị thực hiện hay đơn vị thuộc cơ quan của nó",
		"is the task's assignee already":                             "đã là người được giao nhiệm vụ này",
		"only an agency has one":                                     "chỉ cơ quan mới có",
	}
	for k, v := range map[string]string{
		"is required, a date written YYYY-MM-DD":          "bắt buộc nhập ngày",
		"must be a date written YYYY-MM-DD":               "phải là một ngày hợp lệ (dd/mm/yyyy)",
		"must be 0 to 100":                                "phải là số từ 0 đến 100",
		"must be accepted or returned":                    "chọn Đạt hoặc Trả lại",
		"is required when returning a report":             "bắt buộc khi trả lại báo cáo",
		"at least one recipient unit is required":         "chọn ít nhất một nơi nhận",
		"a child task is due no later than its parent":    "không được muộn hơn hạn của nhiệm vụ được giao",
		"must be a directive issued to the plan's agency": "phải là chỉ thị đã ban hành đến cơ quan của kế hoạch",
		"unit is not in the receiving agency":             "đơn vị không thuộc cơ quan nhận văn bản",
		"must be at most 500 characters":                  "tối đa 500 ký tự",
		"must list at most 5 days":                        "tối đa 5 mốc nhắc",
		"must be 1 to 30 working days each":               "mỗi mốc từ 1 đến 30 ngày làm việc",
		"must not repeat a day":                           "không lặp lại một mốc",
		"must be 1 to 30 working days":                    "từ 1 đến 30 ngày làm việc",
		"must be 1 to 60 working days":                    "từ 1 đến 60 ngày làm việc",
		"must be at most 2000 characters":                 "tối đa 2000 ký tự",
		"must be at most 4000 characters":                 "tối đa 4000 ký tự",
		"must be at most 200000 characters":               "tối đa 200000 ký tự",
	} {
		labels["message"][k] = v
	}
}

// datedMessages are the services' field messages that end in a date or an
// id: the prefix, and how to tell it with the date (dd/mm/yyyy).
var datedMessages = []struct{ prefix, vi string }{
	{"is after the parent's due date ", "không được muộn hơn hạn của nhiệm vụ được giao (%s)"},
	{"must be after the current due date ", "phải sau hạn hiện tại (%s)"},
	{"is not a member of unit ", "không thuộc đơn vị đã chọn"},
}

var activeCount = regexp.MustCompile(`^(\d+) active (child unit|user)\(s\)$`)

// message translates a service's field message when it is a known one,
// counts of what still holds a unit open included.
func message(m string) string {
	if c := activeCount.FindStringSubmatch(m); c != nil {
		if c[2] == "user" {
			return "còn " + c[1] + " người dùng đang hoạt động"
		}
		return "còn " + c[1] + " đơn vị thuộc cơ quan đang hoạt động"
	}
	for _, d := range datedMessages {
		if rest, ok := strings.CutPrefix(m, d.prefix); ok {
			if strings.Contains(d.vi, "%s") {
				return fmt.Sprintf(d.vi, date(strings.TrimSpace(rest)))
			}
			return d.vi
		}
	}
	return label("message", withoutIDs(m))
}

// decimal writes f with n decimals after a comma (2,50), as Vietnamese
// writes numbers.
func decimal(f float64, n int) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', n, 64), ".", ",", 1)
}
