package wording

import "strings"

// english is the one table of the English words for the Vietnamese ones
// above, for the readers who chose English (the CLI's --lang en). It is
// keyed by the Vietnamese word, so every table (kinds, statuses, classes,
// channels, ...) shares it; a word missing here stays Vietnamese, never a
// code.
var english = map[string]string{
	// kinds
	"Nghị quyết": "Resolution", "Quyết định": "Decision", "Chỉ thị": "Directive", "Quy chế": "Regulation",
	"Quy định": "Provision", "Thông cáo": "Communiqué", "Thông báo": "Notice", "Hướng dẫn": "Guidance",
	"Chương trình": "Programme", "Kế hoạch": "Plan", "Phương án": "Scheme", "Đề án": "Proposal",
	"Dự án": "Project", "Báo cáo": "Report", "Biên bản": "Minutes", "Tờ trình": "Submission",
	"Hợp đồng": "Contract", "Công điện": "Telegram", "Bản ghi nhớ": "Memorandum", "Bản thỏa thuận": "Agreement",
	"Giấy ủy quyền": "Power of attorney", "Giấy mời": "Invitation", "Giấy giới thiệu": "Letter of introduction",
	"Giấy nghỉ phép": "Leave permit", "Phiếu gửi": "Sending slip", "Phiếu chuyển": "Transfer slip",
	"Phiếu báo": "Notification slip", "Công văn": "Official letter", "Bản sao": "Copy", "Văn bản": "Document",
	// follow-up classes
	"Hoàn thành đúng hạn": "Completed on time", "Hoàn thành quá hạn": "Completed late",
	"Đang thực hiện trong hạn": "Open within deadline", "Đang thực hiện quá hạn": "Open overdue",
	// statuses
	"Dự thảo": "Draft", "Chờ ký": "Awaiting signature", "Đã ký": "Signed", "Đã phát hành": "Issued",
	"Đã thu hồi": "Revoked", "Chờ vào sổ": "Awaiting registration", "Đã vào sổ": "Registered",
	"Đã phân công xử lý": "Assigned for handling", "Đã xử lý xong": "Handled", "Đã từ chối": "Refused",
	"Mới giao": "Assigned", "Đang thực hiện": "In progress", "Chờ đánh giá": "Awaiting review",
	"Hoàn thành": "Completed", "Đã hủy": "Cancelled", "(không xác định)": "(unknown)",
	"Chủ trì": "Lead", "Phối hợp": "Cooperating",
	// urgency, secrecy, channel, review
	"Thường": "Normal", "Khẩn": "Urgent", "Thượng khẩn": "Very urgent", "Hỏa tốc": "Flash",
	"Mật": "Confidential", "Tối mật": "Secret", "Tuyệt mật": "Top secret",
	"Nội bộ": "Internal", "Liên thông": "Exchange", "Giấy": "Paper",
	"Đạt": "Accepted", "Trả lại": "Returned",
	// edXML packages
	"Gói tin đến": "Incoming package", "Gói tin đi": "Outgoing package", "Chờ gửi": "Queued", "Đã gửi": "Sent",
	"Đã đến": "Delivered", "Từ chối": "Refused", "Đã phân công": "Assigned", "Đang xử lý": "Being handled",
	"Đã nhận": "Accepted", "Đang kiểm tra": "Being checked", "Chờ bản PDF": "Awaiting the PDF",
	"Đang tạo gói tin": "Building the package", "Không gửi được (trục không biết nơi nhận)": "Not sent (the exchange does not know the recipient)",
	"Đề nghị thu hồi": "Revocation requested", "Đồng ý thu hồi": "Revocation agreed", "Không đồng ý thu hồi": "Revocation refused",
	"Lãnh đạo": "Leader", "Chuyên viên": "Specialist", "Văn thư": "Clerk", "Quản trị": "Administrator",
	"Gửi đi": "Sent", "Nhận về": "Received", "Hợp lệ": "Valid", "Không hợp lệ": "Invalid", "Không ký": "Unsigned",
}

// In is a Vietnamese word of this package in lang: "en" gives its English
// word, anything else the word itself.
func In(lang, vi string) string {
	if !strings.EqualFold(lang, "en") {
		return vi
	}
	if e, ok := english[vi]; ok {
		return e
	}
	return vi
}
