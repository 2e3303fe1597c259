package console

import "github.com/eoffice-vn/eoffice/pkg/wording"

// The Vietnamese names of documents that cross the boundary: channels,
// package states and statuses, signature results, and the fields and
// messages of their forms. After vi.go (file order), whose init makes the
// message table.
func init() {
	datedMessages = append(datedMessages,
		struct{ prefix, vi string }{"unknown organisation code ", "mã %s không có trong danh bạ cơ quan ngoài hệ thống"},
		struct{ prefix, vi string }{"organisation ", "một cơ quan được chọn hai lần"})
	labels["action"]["refuse"] = "Từ chối"
	labels["action"]["receive"] = "Tiếp nhận"
	labels["channel"] = wording.Channels
	// A package's state: out queued → sent → delivered, then the latest
	// status its recipient reported; in accepted or refused.
	labels["package_state"] = wording.PackageStates
	labels["package_status"] = map[string]string{"01": "Đã đến", "02": "Từ chối", "03": "Đã vào sổ", "04": "Đã phân công",
		"05": "Đang xử lý", "06": "Hoàn thành", "13": "Đề nghị thu hồi", "15": "Đồng ý thu hồi", "16": "Không đồng ý thu hồi"}
	labels["status_direction"] = wording.StatusDirections
	labels["direction"] = wording.PackageDirections
	labels["package_signature"] = wording.Signatures
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
