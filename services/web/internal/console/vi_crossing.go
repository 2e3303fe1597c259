package console

// The Vietnamese names of documents that cross the boundary: channels,
// package states and statuses, signature results, and the fields and
// messages of their forms. After vi.go (file order), whose init makes the
// message table.
func init() {
	labels["receipt"]["refused"] = "Đã từ chối"
	datedMessages = append(datedMessages,
		struct{ prefix, vi string }{"unknown organisation code ", "mã %s không có trong danh bạ cơ quan ngoài hệ thống"},
		struct{ prefix, vi string }{"organisation ", "một cơ quan được chọn hai lần"})
	labels["action"]["refuse"] = "Từ chối"
	labels["action"]["receive"] = "Tiếp nhận"
	labels["channel"] = map[string]string{"": "Nội bộ", "internal": "Nội bộ", "exchange": "Liên thông", "paper": "Giấy"}
	// A package's state: out queued → sent → delivered, then the latest
	// status its recipient reported; in accepted or refused.
	labels["package_state"] = map[string]string{"queued": "Chờ gửi", "sent": "Đã gửi", "delivered": "Đã đến",
		"arrived": "Đã đến", "refused": "Từ chối", "registered": "Đã vào sổ", "assigned": "Đã phân công",
		"handling": "Đang xử lý", "done": "Hoàn thành", "accepted": "Đã nhận",
		"received": "Đang kiểm tra", "waiting_pdf": "Chờ bản PDF", "building": "Đang tạo gói tin",
		"failed":               "Không gửi được (trục không biết nơi nhận)",
		"revocation_requested": "Đề nghị thu hồi", "revocation_agreed": "Đồng ý thu hồi", "revocation_refused": "Không đồng ý thu hồi"}
	labels["package_status"] = map[string]string{"01": "Đã đến", "02": "Từ chối", "03": "Đã vào sổ", "04": "Đã phân công",
		"05": "Đang xử lý", "06": "Hoàn thành", "13": "Đề nghị thu hồi", "15": "Đồng ý thu hồi", "16": "Không đồng ý thu hồi"}
	labels["status_direction"] = map[string]string{"sent": "Gửi đi", "received": "Nhận về"}
	labels["direction"] = map[string]string{"in": "Gói tin đến", "out": "Gói tin đi"}
	labels["package_signature"] = map[string]string{"valid": "Hợp lệ", "invalid": "Không hợp lệ", "unsigned": "Không ký"}
	for k, v := range map[string]string{"sender": "Nơi gửi", "sender.name": "Tên cơ quan gửi",
		"sender.organisation_code": "Mã định danh cơ quan gửi", "original_notation": "Số, ký hiệu gốc",
		"original_date": "Ngày văn bản", "pages": "Số trang", "external_recipients": "Nơi nhận ngoài hệ thống",
		"parent_code": "Mã cơ quan cấp trên", "address": "Địa chỉ", "file": "Tệp"} {
		labels["field"][k] = v
	}
	for k, v := range map[string]string{
		"organisation_code or name is required": "chọn cơ quan trong danh bạ hoặc nhập tên",
		"is in the future":                      "không được sau ngày hôm nay",
		"unknown document kind":                 "loại văn bản không hợp lệ",
		"must be between 0 and 100000":          "phải là số từ 0 đến 100000",
		"an organisation code is empty":         "có mã định danh để trống",
		"at most 500 organisations":             "tối đa 500 cơ quan",
		"a document above normal confidentiality is not sent outside by exchange": "văn bản mật không được gửi liên thông ra ngoài hệ thống",
	} {
		labels["message"][k] = v
	}
}
