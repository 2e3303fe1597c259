package officialpdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/urgency"
)

// Document is what an issued (or previewed) document shows on paper. Text
// is given as people write it; capitals, prefixes ("Số:", "V/v", "- ") and
// punctuation that the layout prescribes are added here.
type Document struct {
	// ParentAgency is the governing body's name (tên cơ quan chủ quản),
	// e.g. "UBND TỈNH KHÁNH HÒA"; empty when the agency has none.
	ParentAgency string
	// Agency is the issuing agency (tên cơ quan ban hành), e.g. "SỞ THÔNG
	// TIN VÀ TRUYỀN THÔNG". Required.
	Agency string
	// Notation is the number and notation without "Số:", e.g.
	// "15/KH-STTTT". A draft's preview has none yet: then only "Số:" and
	// the notation's tail the caller gives (e.g. "     /KH-STTTT") show.
	Notation string
	// Place is the agency's địa danh, e.g. "Khánh Hòa". Required.
	Place string
	// Date is the issue date; it is read in Vietnam's time (UTC+7). Zero
	// (a draft) leaves the day, month and year blank to be written in.
	Date time.Time
	// KindTitle is the kind in capitals, e.g. "CHỈ THỊ", "KẾ HOẠCH"; empty
	// for an official letter (Công văn), whose summary then goes under the
	// number as "V/v …".
	KindTitle string
	// Summary is the trích yếu, e.g. "Về việc tăng cường chuyển đổi số".
	Summary string
	// Addressees are the "Kính gửi" of an official letter; usually empty
	// for other kinds.
	Addressees []string
	// Body is the content: paragraphs separated by blank lines; single line
	// breaks inside a paragraph are spaces.
	Body string
	// Urgency and Confidentiality add their marks (HỎA TỐC, MẬT, …) under
	// the number when above normal; zero values are normal.
	Urgency         urgency.Level
	Confidentiality Confidentiality
	Signature       Signature
	// Recipients are the Nơi nhận, one per entry ("Như trên", "UBND tỉnh
	// (b/c)"); the dashes and semicolons are added.
	Recipients []string
	// Archive are the parts of the last recipient line, "Lưu: VT, VP." is
	// []string{"VT", "VP"}: the clerical office, then the drafting
	// division's abbreviation (and a copy count where needed). Empty means
	// just "VT".
	Archive []string
}

// Signature is the signature block (quyền hạn, chức vụ, họ tên người ký).
type Signature struct {
	// Mark is the signing authority line in capitals, e.g. "TM. ỦY BAN NHÂN
	// DÂN", "KT. GIÁM ĐỐC"; empty when the head signs in their own name.
	Mark string
	// Position is the signer's position, e.g. "CHỦ TỊCH", "PHÓ GIÁM ĐỐC".
	Position string
	// FullName is the signer's full name, e.g. "Nguyễn Văn An".
	FullName string
	// Image is the handwritten signature as PNG or JPEG, drawn in the space
	// between position and name; empty leaves the space for a digital
	// signature's appearance (see Rendered.SignerBox).
	Image []byte
}

// Confidentiality is a document's độ mật, by its wire value (API.md).
type Confidentiality string

// The levels, as the documents API spells them.
const (
	Normal       Confidentiality = "normal"
	Confidential Confidentiality = "confidential" // Mật
	Secret       Confidentiality = "secret"       // Tối mật
	TopSecret    Confidentiality = "top_secret"   // Tuyệt mật
)

var confidentialityMarks = map[Confidentiality]string{
	"": "", Normal: "", Confidential: "MẬT", Secret: "TỐI MẬT", TopSecret: "TUYỆT MẬT",
}

// Mark is the stamp a level prints ("" for normal); ok is false for an
// unknown level.
func (c Confidentiality) Mark() (mark string, ok bool) {
	mark, ok = confidentialityMarks[c]
	return mark, ok
}

var urgencyMarks = map[urgency.Level]string{
	"": "", urgency.Normal: "", urgency.Urgent: "KHẨN",
	urgency.VeryUrgent: "THƯỢNG KHẨN", urgency.Flash: "HỎA TỐC",
}

// UrgencyMark is the stamp an urgency prints ("" for normal); ok is false
// for an unknown level.
func UrgencyMark(l urgency.Level) (mark string, ok bool) {
	mark, ok = urgencyMarks[l]
	return mark, ok
}

// CopyKind is the form of a copy (hình thức sao).
type CopyKind string

// The three forms Decree 30 knows.
const (
	CopyExact      CopyKind = "SAO Y"     // bản sao y: the whole document
	CopyExtract    CopyKind = "TRÍCH SAO" // trích sao: a part of it
	CopyTranscript CopyKind = "SAO LỤC"   // sao lục: a copy of a copy
)

// CopyForm is the copying agency's part of a copy (thể thức bản sao).
type CopyForm struct {
	Kind         CopyKind
	ParentAgency string
	Agency       string // the copying agency; required
	Notation     string // e.g. "05/BSY-UBND"
	Place        string // required
	Date         time.Time
	Signature    Signature
	Recipients   []string
	Archive      []string
}

func (d Document) validate() error {
	if err := required("agency", d.Agency, "place", d.Place); err != nil {
		return err
	}
	if _, ok := UrgencyMark(d.Urgency); !ok {
		return fmt.Errorf("officialpdf: unknown urgency %q", d.Urgency)
	}
	if _, ok := d.Confidentiality.Mark(); !ok {
		return fmt.Errorf("officialpdf: unknown confidentiality %q", d.Confidentiality)
	}
	return nil
}

func (c CopyForm) validate() error {
	switch c.Kind {
	case CopyExact, CopyExtract, CopyTranscript:
	default:
		return fmt.Errorf("officialpdf: unknown copy kind %q", c.Kind)
	}
	return required("copy agency", c.Agency, "copy place", c.Place)
}

// required checks name, value pairs in order, naming the first empty one.
func required(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fmt.Errorf("officialpdf: %s is required", pairs[i])
		}
	}
	return nil
}
