package bench

import (
	"fmt"
	"math/rand/v2"
)

// share is a value drawn with weight w (of the weights' sum).
type share struct {
	value string
	w     int
}

func pick(r *rand.Rand, shares []share) string {
	total := 0
	for _, s := range shares {
		total += s.w
	}
	n := r.IntN(total)
	for _, s := range shares {
		if n < s.w {
			return s.value
		}
		n -= s.w
	}
	return shares[len(shares)-1].value
}

// kinds: an agency's outgoing register is mostly Công văn, then notices,
// reports, decisions and invitations; plans are generated apart (they
// carry items).
var kinds = []share{{"official_letter", 60}, {"notice", 9}, {"report", 8}, {"decision", 8}, {"invitation", 5},
	{"directive", 3}, {"submission", 3}, {"guidance", 2}, {"minutes", 1}, {"programme", 1}}

// urgencies: most documents are normal; Hỏa tốc is rare.
var urgencies = []share{{"normal", 85}, {"urgent", 10}, {"very_urgent", 4}, {"flash", 1}}

func pickKind(r *rand.Rand) string    { return pick(r, kinds) }
func pickUrgency(r *rand.Rand) string { return pick(r, urgencies) }

// topics are what summaries are about; SearchWord is in one of them, so
// a text search finds about one document in len(topics).
var topics = []string{
	"triển khai chuyển đổi số trong cơ quan nhà nước", "tăng cường công tác phòng cháy chữa cháy",
	"giải ngân vốn đầu tư công", "cải cách thủ tục hành chính", "phòng chống thiên tai và tìm kiếm cứu nạn",
	"tổ chức kỳ thi tốt nghiệp trung học phổ thông", "quản lý đất đai và khoáng sản",
	"bảo vệ môi trường làng nghề", "xây dựng nông thôn mới", "phòng chống dịch bệnh gia súc",
	"thực hành tiết kiệm chống lãng phí", "tuyển dụng công chức cấp xã", "an toàn giao thông dịp Tết",
	"đánh giá xếp loại cán bộ cuối năm", "thu ngân sách nhà nước", "bảo hiểm xã hội tự nguyện",
	"phát triển du lịch cộng đồng", "kiểm tra an toàn thực phẩm", "hỗ trợ doanh nghiệp nhỏ và vừa",
	"tiếp công dân và giải quyết khiếu nại tố cáo",
}

// SearchWord is a word of one topic only (the text search's query).
const SearchWord = "khoáng sản"

var summaryHeads = []string{"V/v", "Về việc", "Hướng dẫn", "Báo cáo kết quả", "Kế hoạch", "Đôn đốc"}

func summary(r *rand.Rand, i int) string {
	return fmt.Sprintf("%s %s năm 2026 (đợt %d)", summaryHeads[r.IntN(len(summaryHeads))], topics[r.IntN(len(topics))], 1+i%12)
}

var agencyKinds = []string{"Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng",
	"Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân xã", "Ủy ban nhân dân phường"}

func agencyName(i int) string {
	if i == 0 {
		return "Ủy ban nhân dân tỉnh"
	}
	return fmt.Sprintf("%s số %d", agencyKinds[i%len(agencyKinds)], i)
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"}
	middleNames = []string{"Văn", "Thị", "Hữu", "Minh", "Thanh", "Đức", "Ngọc", "Quốc"}
	givenNames  = []string{"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn"}
)

func fullName(i int) string {
	return familyNames[i%len(familyNames)] + " " + middleNames[(i/3)%len(middleNames)] + " " + givenNames[(i/7)%len(givenNames)]
}
