package officialpdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/urgency"
)

// issued is a date in Vietnam's time.
func issued(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 9, 30, 0, 0, vietnam)
}

// directiveBody is long enough to run over two pages, with the full range
// of Vietnamese diacritics.
func directiveBody(paragraphs int) string {
	base := []string{
		"Thời gian qua, công tác chuyển đổi số trên địa bàn tỉnh đã đạt được nhiều kết quả quan trọng; hạ tầng số được đầu tư đồng bộ, dữ liệu số từng bước được hình thành, kết nối và chia sẻ, phục vụ hiệu quả công tác chỉ đạo, điều hành của các cấp, các ngành.",
		"Tuy nhiên, việc triển khai ở một số cơ quan, đơn vị còn chậm, chưa quyết liệt; tỷ lệ hồ sơ trực tuyến toàn trình còn thấp; kỹ năng số của cán bộ, công chức và người dân chưa đáp ứng yêu cầu. Để khắc phục những hạn chế nêu trên, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:",
		"1. Thủ trưởng các sở, ban, ngành và Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về kết quả chuyển đổi số của cơ quan, địa phương mình; ưu tiên bố trí nguồn lực, chỉ đạo quyết liệt, đồng bộ các nhiệm vụ, giải pháp.",
		"2. Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc, hướng dẫn triển khai; định kỳ hằng quý tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 25 của tháng cuối quý. Những chữ khó: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ Đ Ơ Ư Ắ Ặ Ữ Ỵ.",
	}
	var b strings.Builder
	for i := range paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(base[i%len(base)])
	}
	return b.String()
}

func directive(paragraphs int) Document {
	return Document{
		ParentAgency: "UBND TỈNH KHÁNH HÒA",
		Agency:       "Ủy ban nhân dân tỉnh",
		Notation:     "07/CT-UBND",
		Place:        "Khánh Hòa",
		Date:         issued(2026, time.March, 5),
		KindTitle:    "CHỈ THỊ",
		Summary:      "Về việc đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan nhà nước trên địa bàn tỉnh",
		Body:         directiveBody(paragraphs),
		Signature: Signature{
			Mark: "TM. ỦY BAN NHÂN DÂN", Position: "CHỦ TỊCH", FullName: "Nguyễn Văn Anh",
			Image: signatureImage(),
		},
		Recipients: []string{"Văn phòng Chính phủ (b/c)", "Bộ Thông tin và Truyền thông (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"},
		Archive:    []string{"VT", "KGVX"},
	}
}

func officialLetter() Document {
	return Document{
		ParentAgency: "UBND TỈNH KHÁNH HÒA",
		Agency:       "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
		Notation:     "123/STTTT-CĐS",
		Place:        "Khánh Hòa",
		Date:         issued(2026, time.January, 9),
		Summary:      "Đôn đốc báo cáo kết quả chuyển đổi số quý I năm 2026",
		Addressees:   []string{"Các sở, ban, ngành thuộc tỉnh", "UBND các huyện, thị xã, thành phố"},
		Body:         directiveBody(2),
		Signature:    Signature{Mark: "KT. GIÁM ĐỐC", Position: "PHÓ GIÁM ĐỐC", FullName: "Trần Thị Bích"},
		Recipients:   []string{"Như trên", "UBND tỉnh (b/c)", "Giám đốc Sở (b/c)"},
		Archive:      []string{"VT", "CĐS"},
	}
}

func urgentConfidential() Document {
	d := officialLetter()
	d.Notation = "05/STTTT-VP"
	d.Urgency = urgency.Flash
	d.Confidentiality = Secret
	d.Addressees = []string{"Ủy ban nhân dân tỉnh"}
	return d
}

func copyForm() CopyForm {
	return CopyForm{
		Kind:         CopyExact,
		ParentAgency: "UBND TỈNH KHÁNH HÒA",
		Agency:       "VĂN PHÒNG",
		Notation:     "05/BSY-VP",
		Place:        "Khánh Hòa",
		Date:         issued(2026, time.March, 12),
		Signature:    Signature{Mark: "TL. CHỦ TỊCH", Position: "CHÁNH VĂN PHÒNG", FullName: "Lê Văn Cường"},
		Recipients:   []string{"Sở Nội vụ"},
		Archive:      []string{"VT"},
	}
}

// signatureImage is a blue scribble on transparency, like a scanned
// signature.
func signatureImage() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 240, 100))
	ink := color.NRGBA{R: 20, G: 40, B: 160, A: 255}
	for t := 0.0; t < 1; t += 0.0005 {
		x := 20 + 200*t
		y := 50 + 30*math.Sin(t*4*math.Pi)*math.Cos(t*3*math.Pi) - 10*math.Sin(t*17)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				img.Set(int(x)+dx, int(y)+dy, ink)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
