package wording

// The words of a document's way and handling that the console, the CLI and
// reports show: urgency, channel, a review's decision, and an edXML
// package's direction, state and signature check.

// Urgencies name Decree 30's degrees of urgency.
var Urgencies = map[string]string{"normal": "Thường", "urgent": "Khẩn", "very_urgent": "Thượng khẩn", "flash": "Hỏa tốc"}

// Confidentialities name the degrees of secrecy.
var Confidentialities = map[string]string{"normal": "Thường", "confidential": "Mật", "secret": "Tối mật", "top_secret": "Tuyệt mật"}

// Channels name the way a document came: "" is a document of the
// deployment itself.
var Channels = map[string]string{"": "Nội bộ", "internal": "Nội bộ", "exchange": "Liên thông", "paper": "Giấy"}

// Decisions name a leader's review of a task's report.
var Decisions = map[string]string{"accepted": "Đạt", "returned": "Trả lại"}

// PackageDirections name an edXML package's way.
var PackageDirections = map[string]string{"in": "Gói tin đến", "out": "Gói tin đi"}

// PackageStates name an edXML package's state: out queued → sent →
// delivered, then the latest status its recipient reported; in accepted or
// refused.
var PackageStates = map[string]string{"queued": "Chờ gửi", "sent": "Đã gửi", "delivered": "Đã đến",
	"arrived": "Đã đến", "refused": "Từ chối", "registered": "Đã vào sổ", "assigned": "Đã phân công",
	"handling": "Đang xử lý", "done": "Hoàn thành", "accepted": "Đã nhận",
	"received": "Đang kiểm tra", "waiting_pdf": "Chờ bản PDF", "building": "Đang tạo gói tin",
	"failed":               "Không gửi được (trục không biết nơi nhận)",
	"revocation_requested": "Đề nghị thu hồi", "revocation_agreed": "Đồng ý thu hồi", "revocation_refused": "Không đồng ý thu hồi"}

// StatusDirections name whether an edXML status message was sent or
// received.
var StatusDirections = map[string]string{"sent": "Gửi đi", "received": "Nhận về"}

// Signatures name the check of a PDF's signature.
var Signatures = map[string]string{"valid": "Hợp lệ", "invalid": "Không hợp lệ", "unsigned": "Không ký"}

// Urgency, Channel, Decision, PackageDirection, PackageState,
// StatusDirection and Signature name a code of their table.
func Urgency(code string) string          { return name(Urgencies, code) }
func Channel(code string) string          { return Channels[code] } // every code, "" too, has a name
func Decision(code string) string         { return name(Decisions, code) }
func PackageDirection(code string) string { return name(PackageDirections, code) }
func PackageState(code string) string     { return name(PackageStates, code) }
func StatusDirection(code string) string  { return name(StatusDirections, code) }
func Signature(code string) string        { return name(Signatures, code) }
func Role(code string) string             { return name(Roles, code) }

// UserRoles name a person's roles in the system.
var UserRoles = map[string]string{"leader": "Lãnh đạo", "specialist": "Chuyên viên", "clerk": "Văn thư", "admin": "Quản trị"}

// UserRole names a person's role.
func UserRole(code string) string { return name(UserRoles, code) }
