package domain

// Kind is a document kind of Decree 30/2020/NĐ-CP (Phụ lục III).
type Kind string

// KindInfo describes one kind: its Vietnamese name and the abbreviation its
// notation carries. An official letter (Công văn) has no abbreviation: its
// notation names the drafting division instead.
type KindInfo struct {
	Kind         Kind
	Name         string
	Abbreviation string
}

// Kinds the API names explicitly.
const (
	KindDirective      Kind = "directive"
	KindPlan           Kind = "plan"
	KindReport         Kind = "report"
	KindDecision       Kind = "decision"
	KindNotice         Kind = "notice"
	KindSubmission     Kind = "submission"
	KindInvitation     Kind = "invitation"
	KindOfficialLetter Kind = "official_letter"
)

// kindTable is the one place where the kinds live: Decree 30's Phụ lục III in
// its order, with Công văn, which has no abbreviation. (Thư công, the 29th
// kind, has neither an abbreviation nor a notation rule and is left out until
// someone needs it.)
var kindTable = []KindInfo{
	{"resolution", "Nghị quyết", "NQ"},
	{KindDecision, "Quyết định", "QĐ"},
	{KindDirective, "Chỉ thị", "CT"},
	{"regulation", "Quy chế", "QC"},
	{"provision", "Quy định", "QyĐ"},
	{"communique", "Thông cáo", "TC"},
	{KindNotice, "Thông báo", "TB"},
	{"guidance", "Hướng dẫn", "HD"},
	{"programme", "Chương trình", "CTr"},
	{KindPlan, "Kế hoạch", "KH"},
	{"scheme", "Phương án", "PA"},
	{"proposal", "Đề án", "ĐA"},
	{"project", "Dự án", "DA"},
	{KindReport, "Báo cáo", "BC"},
	{"minutes", "Biên bản", "BB"},
	{KindSubmission, "Tờ trình", "TTr"},
	{"contract", "Hợp đồng", "HĐ"},
	{"telegram", "Công điện", "CĐ"},
	{"memorandum", "Bản ghi nhớ", "BGN"},
	{"agreement", "Bản thỏa thuận", "BTT"},
	{"power_of_attorney", "Giấy ủy quyền", "GUQ"},
	{KindInvitation, "Giấy mời", "GM"},
	{"introduction_letter", "Giấy giới thiệu", "GGT"},
	{"leave_permit", "Giấy nghỉ phép", "GNP"},
	{"sending_slip", "Phiếu gửi", "PG"},
	{"transfer_slip", "Phiếu chuyển", "PC"},
	{"notification_slip", "Phiếu báo", "PB"},
	{KindOfficialLetter, "Công văn", ""},
}

var kindIndex = func() map[Kind]KindInfo {
	m := make(map[Kind]KindInfo, len(kindTable))
	for _, k := range kindTable {
		m[k.Kind] = k
	}
	return m
}()

// Kinds lists every supported kind in Decree 30's order.
func Kinds() []KindInfo { return append([]KindInfo(nil), kindTable...) }

// Info returns the kind's row; ok is false for an unknown kind.
func (k Kind) Info() (KindInfo, bool) {
	i, ok := kindIndex[k]
	return i, ok
}

// Valid reports whether k is a supported kind.
func (k Kind) Valid() bool { _, ok := kindIndex[k]; return ok }
