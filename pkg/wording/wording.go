// Package wording holds the words officials read, once for every service:
// the Vietnamese names of document kinds, statuses and the four follow-up
// classes, dates as dd/mm/yyyy, and the way a document is cited
// ("Kế hoạch số 01/KH-STTTT ngày 05/3/2026 của Sở Thông tin và Truyền
// thông"). The console, e-mails, generated reports and the CLI all use it so
// that one thing has one name everywhere (DOMAIN.md, "Words").
package wording

// Classes are the four follow-up classes of QĐ 42/2014/QĐ-TTg, in the order
// every view lists them.
var Classes = []string{"completed_on_time", "completed_late", "open_within_deadline", "open_overdue"}

// ClassesShown are the four classes and, apart after them, the tasks whose
// final report came in on time and waits for the assigner's review (not
// overdue for the reviewer's delay; completed on time once accepted).
var ClassesShown = []string{"completed_on_time", "completed_late", "open_within_deadline", "open_overdue", "awaiting_review"}

var classNames = map[string]string{
	"completed_on_time":    "Hoàn thành đúng hạn",
	"completed_late":       "Hoàn thành quá hạn",
	"open_within_deadline": "Đang thực hiện trong hạn",
	"open_overdue":         "Đang thực hiện quá hạn",
	"awaiting_review":      "Chờ đánh giá",
}

// RoleNames name a unit's part in a plan's tasks as a totals line does.
var RoleNames = map[string]string{"lead": "Đơn vị chủ trì", "cooperate": "Đơn vị phối hợp"}

// ClassName is the name of a follow-up class; an unknown code gets a
// neutral word rather than the code.
func ClassName(code string) string { return name(classNames, code) }

// DocumentStatuses name an outgoing document's states as officials say
// them: the drafter submits (Trình ký), the leader signs (Đã ký), the clerk
// numbers and releases it (Cấp số, phát hành).
var DocumentStatuses = map[string]string{
	"draft":            "Dự thảo",
	"pending_approval": "Chờ ký",
	"approved":         "Đã ký",
	"issued":           "Đã phát hành",
	"revoked":          "Đã thu hồi",
}

// ReceiptStatuses name an incoming document's states at a recipient.
var ReceiptStatuses = map[string]string{
	"received":   "Chờ vào sổ",
	"registered": "Đã vào sổ",
	"directed":   "Đã phân công xử lý",
	"done":       "Đã xử lý xong",
	"refused":    "Đã từ chối", // a clerk sent it back (wrong recipient, say)
}

// TaskStatuses name a task's states.
var TaskStatuses = map[string]string{
	"assigned":        "Mới giao",
	"in_progress":     "Đang thực hiện",
	"awaiting_review": "Chờ đánh giá",
	"completed":       "Hoàn thành",
	"cancelled":       "Đã hủy",
}

// Roles name a unit's part in a task.
var Roles = map[string]string{"lead": "Chủ trì", "cooperate": "Phối hợp"}

// DocumentStatus, ReceiptStatus and TaskStatus name a state.
func DocumentStatus(code string) string { return name(DocumentStatuses, code) }
func ReceiptStatus(code string) string  { return name(ReceiptStatuses, code) }
func TaskStatus(code string) string     { return name(TaskStatuses, code) }

// name looks code up; a code the table does not know yet is shown as
// "(không xác định)" so that no internal code reaches a reader.
func name(m map[string]string, code string) string {
	if n, ok := m[code]; ok {
		return n
	}
	if code == "" {
		return ""
	}
	return "(không xác định)"
}
