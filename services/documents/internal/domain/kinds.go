package domain

// Kind is a document kind of Decree 30/2020/NĐ-CP (Phụ lục III).
type Kind string

// KindInfo describes one kind: its Vietnamese name and the abbreviation its
// notation carries. An official letter (Công văn) has no abbreviation: its
// notation names the drafting division instead. MayBeNormative marks the
// kinds a legal normative document (văn bản quy phạm pháp luật) of an
// agency can take (Law on Promulgation of Legal Documents, Art. 4): only
// those may be flagged normative.
type KindInfo struct {
	Kind           Kind
	Name           string
	Abbreviation   string
	MayBeNormative bool
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
	// KindCopy is a copy (bản sao, Decree 30 Chapter III) of an issued or
	// received document: a record a clerk makes, never drafted.
	KindCopy Kind = "copy"
)

// kindTable is the one place where the kinds live: Decree 30's Phụ lục III in
// its order, with Công văn, which has no abbreviation. (Thư công, the 29th
// kind, has neither an abbreviation nor a notation rule and is left out until
// someone needs it.)
var kindTable = []KindInfo{
	{"resolution", "Nghị quyết", "NQ", true},
	{KindDecision, "Quyết định", "QĐ", true},
	{KindDirective, "Chỉ thị", "CT", true},
	{"regulation", "Quy chế", "QC", false},
	{"provision", "Quy định", "QyĐ", false},
	{"communique", "Thông cáo", "TC", false},
	{KindNotice, "Thông báo", "TB", false},
	{"guidance", "Hướng dẫn", "HD", false},
	{"programme", "Chương trình", "CTr", false},
	{KindPlan, "Kế hoạch", "KH", false},
	{"scheme", "Phương án", "PA", false},
	{"proposal", "Đề án", "ĐA", false},
	{"project", "Dự án", "DA", false},
	{KindReport, "Báo cáo", "BC", false},
	{"minutes", "Biên bản", "BB", false},
	{KindSubmission, "Tờ trình", "TTr", false},
	{"contract", "Hợp đồng", "HĐ", false},
	{"telegram", "Công điện", "CĐ", false},
	{"memorandum", "Bản ghi nhớ", "BGN", false},
	{"agreement", "Bản thỏa thuận", "BTT", false},
	{"power_of_attorney", "Giấy ủy quyền", "GUQ", false},
	{KindInvitation, "Giấy mời", "GM", false},
	{"introduction_letter", "Giấy giới thiệu", "GGT", false},
	{"leave_permit", "Giấy nghỉ phép", "GNP", false},
	{"sending_slip", "Phiếu gửi", "PG", false},
	{"transfer_slip", "Phiếu chuyển", "PC", false},
	{"notification_slip", "Phiếu báo", "PB", false},
	{KindOfficialLetter, "Công văn", "", false},
	// Not a kind of Phụ lục III: copies are numbered by their form (BSY,
	// BTS, BSL), which stands where the abbreviation would.
	{KindCopy, "Bản sao", "", false},
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

// Valid reports whether k is a supported kind (copies included: lists
// filter on them).
func (k Kind) Valid() bool { _, ok := kindIndex[k]; return ok }

// Draftable reports whether a drafter may write a document of kind k:
// any supported kind but a copy, which a clerk makes from an issued one.
func (k Kind) Draftable() bool { return k.Valid() && k != KindCopy }

// MayBeNormative reports whether a document of kind k may be flagged
// normative.
func (k Kind) MayBeNormative() bool { return kindIndex[k].MayBeNormative }
