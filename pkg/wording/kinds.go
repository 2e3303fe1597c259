package wording

// kindNames are the Vietnamese names of Decree 30's kinds (Phụ lục III),
// with Công văn and the copy (bản sao).
var kindNames = map[string]string{
	"resolution": "Nghị quyết", "decision": "Quyết định", "directive": "Chỉ thị", "regulation": "Quy chế",
	"provision": "Quy định", "communique": "Thông cáo", "notice": "Thông báo", "guidance": "Hướng dẫn",
	"programme": "Chương trình", "plan": "Kế hoạch", "scheme": "Phương án", "proposal": "Đề án",
	"project": "Dự án", "report": "Báo cáo", "minutes": "Biên bản", "submission": "Tờ trình",
	"contract": "Hợp đồng", "telegram": "Công điện", "memorandum": "Bản ghi nhớ", "agreement": "Bản thỏa thuận",
	"power_of_attorney": "Giấy ủy quyền", "invitation": "Giấy mời", "introduction_letter": "Giấy giới thiệu",
	"leave_permit": "Giấy nghỉ phép", "sending_slip": "Phiếu gửi", "transfer_slip": "Phiếu chuyển",
	"notification_slip": "Phiếu báo", "official_letter": "Công văn", "copy": "Bản sao",
}

// KindName is the Vietnamese name of a document kind; an unknown kind is
// "Văn bản", never its code.
func KindName(kind string) string {
	if n, ok := kindNames[kind]; ok {
		return n
	}
	return "Văn bản"
}

// KindNames is a copy of the whole table, for the console's labels.
func KindNames() map[string]string {
	m := make(map[string]string, len(kindNames))
	for k, v := range kindNames {
		m[k] = v
	}
	return m
}
