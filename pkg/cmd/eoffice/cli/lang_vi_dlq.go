package cli

import "maps"

// The words of eoffice events dlq (dlq.go), merged into the catalog. A
// dead letter is "thư lỗi" to an operator: a message that could not be
// handled and was set aside.
func init() { maps.Copy(vi, viDLQ) }

var viDLQ = map[string]string{
	dlqUsage: "events dlq: list [--topic T] [--type T] [--reason R] [--since KHI] [--until KHI] [--all] | show MÃ | replay MÃ... [--force] | drop MÃ... [--note LÝ_DO]",
	"events: tail [--topic T]... [--group G] [--latest] [--max N] [--json] | asyncapi | dlq list|show|replay|drop": "events: tail [--topic CHỦ_ĐỀ]... [--group NHÓM] [--latest] [--max SỐ] [--json] | asyncapi | dlq list|show|replay|drop\n  (tail: in sự kiện khi phát sinh; asyncapi: đặc tả AsyncAPI; dlq: thư lỗi)",
	"%q is not a time: 24h (back from now), dd/mm/yyyy or an RFC 3339 time":                                        "%q không phải thời điểm: 24h (tính lùi từ bây giờ), dd/mm/yyyy hoặc thời điểm RFC 3339",

	// flags
	"topic: identity, documents, tasks, notifications, exchange or a full name; repeatable (default: every dead-letter topic)": "chủ đề: identity, documents, tasks, notifications, exchange hoặc tên đầy đủ; lặp lại được (mặc định: mọi chủ đề thư lỗi)",
	"only this event type (task.assigned or vn.eoffice.task.assigned)":                                                         "chỉ loại sự kiện này (task.assigned hoặc vn.eoffice.task.assigned)",
	"only this reason: malformed, unknown_type, untrusted, permanent, max_attempts":                                            "chỉ lý do này: malformed, unknown_type, untrusted, permanent, max_attempts",
	"dead-lettered at or after: 24h (back from now), dd/mm/yyyy or an RFC 3339 time":                                           "bị gạt ra từ thời điểm: 24h (tính lùi từ bây giờ), dd/mm/yyyy hoặc thời điểm RFC 3339",
	"dead-lettered before: 24h (back from now), dd/mm/yyyy or an RFC 3339 time":                                                "bị gạt ra trước thời điểm: 24h (tính lùi từ bây giờ), dd/mm/yyyy hoặc thời điểm RFC 3339",
	"also those already replayed or dropped":                                                                                   "cả những thư đã gửi lại hoặc đã bỏ qua",
	"replay or drop again one already replayed or dropped":                                                                     "gửi lại hoặc bỏ qua cả thư đã xử lý trước đó",
	"why it is dropped, kept in the audit record":                                                                              "lý do bỏ qua, lưu vào nhật ký",

	// list and show
	"no dead letters": "không có thư lỗi nào",
	"REF":             "MÃ",
	"DEAD-LETTERED":   "THỜI ĐIỂM LỖI",
	"TYPE":            "LOẠI",
	"REASON":          "LÝ DO",
	"GROUP":           "NHÓM XỬ LÝ",
	"ERROR":           "LỖI",
	"HANDLED":         "ĐÃ XỬ LÝ",
	"ref":             "mã",
	"dead-lettered":   "thời điểm lỗi",
	"original topic":  "chủ đề gốc",
	"type":            "loại",
	"reason":          "lý do",
	"group":           "nhóm xử lý",
	"error":           "lỗi",
	"handled":         "đã xử lý",
	"headers":         "tiêu đề",
	"payload":         "nội dung",
	"not yet":         "chưa",
	"replayed":        "đã gửi lại",
	"dropped":         "đã bỏ qua",
	"%s by %s at %s":  "%s bởi %s lúc %s",

	"reason:malformed":    "sai định dạng",
	"reason:unknown_type": "loại sự kiện không biết",
	"reason:untrusted":    "nguồn không tin cậy",
	"reason:permanent":    "lỗi không thử lại được",
	"reason:max_attempts": "thử lại nhiều lần vẫn lỗi",

	// replay and drop
	"%s was already %s by %s at %s; --force to do it again":                     "thư %s %s bởi %s lúc %s; dùng --force để làm lại",
	"%s replayed to %s (ce_id %s) by %s":                                        "đã gửi lại thư %s vào %s (ce_id %s), người thực hiện: %s",
	"%s dropped by %s":                                                          "đã bỏ qua thư %s, người thực hiện: %s",
	"replaying and dropping dead letters needs an administrator; %s is not one": "chỉ quản trị hệ thống được gửi lại hoặc bỏ qua thư lỗi; %s không phải quản trị hệ thống",
	"no dead letter at %s (eoffice events dlq list shows their references)":     "không có thư lỗi nào tại %s (eoffice events dlq list liệt kê mã các thư)",
}
