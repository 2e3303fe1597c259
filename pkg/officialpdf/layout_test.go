package officialpdf

import (
	"strconv"
	"strings"
	"testing"
)

const diacritics = "ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ Đ Ơ Ư Ắ Ặ Ữ Ỵ."

// layoutCase is a document and what its signature block says.
type layoutCase struct {
	name     string
	render   func() (Rendered, error)
	minPages int
	// The signer whose boxes Rendered reports: the document's, or the
	// copying agency's for a copy.
	mark, position, fullName, archive string
	lastBody                          string // the body's last words
	check                             func(t *testing.T, pages []page, text []string)
}

func TestLayout(t *testing.T) {
	requirePoppler(t)
	manyRecipients := directive(3)
	manyRecipients.Recipients = nil
	for i := range 45 {
		manyRecipients.Recipients = append(manyRecipients.Recipients, "UBND xã số "+strconv.Itoa(i+1))
	}
	longWord := officialLetter()
	longWord.Body = "Địa chỉ tra cứu: https://dichvucong.khanhhoa.gov.vn/" + strings.Repeat("tra-cuu-ho-so-truc-tuyen-", 12) + " và các trang liên quan."

	for _, c := range []layoutCase{
		{
			name: "directive over pages", render: func() (Rendered, error) { return Render(directive(9)) }, minPages: 2,
			mark: "TM. ỦY BAN NHÂN DÂN", position: "CHỦ TỊCH", fullName: "Nguyễn Văn Anh", archive: "- Lưu: VT, KGVX.",
			lastBody: "điều hành của các cấp, các ngành.",
			check: func(t *testing.T, pages []page, text []string) {
				p := pages[0]
				// The kind and the summary centred on the text area.
				kind := p.fullLine(must(t, p, "CHỈ THỊ"))
				centred(t, "kind", kind, p)
				centred(t, "summary", p.fullLine(must(t, p, "Về việc đẩy mạnh")), p)
				// The agency is in capitals whatever case it was stored in.
				must(t, p, "ỦY BAN NHÂN DÂN TỈNH")
				if !strings.Contains(strings.Join(strings.Fields(strings.Join(text, " ")), " "), diacritics) {
					t.Errorf("the Vietnamese letters do not read back: want %q in the text", diacritics)
				}
				// Justified: some body line reaches the right margin exactly.
				justified := false
				for _, w := range p.words {
					if w.y0 > kind.y1 && abs(w.x1-(p.w-mm(marginRight))) < 0.6 {
						justified = true
					}
				}
				if !justified {
					t.Error("no body line on page 1 reaches the right margin: not justified")
				}
				// The first line of a paragraph is indented 1.27 cm.
				first := must(t, p, "Thời gian qua,")
				if d := first.x0 - mm(marginLeft+indent); abs(d) > 0.6 {
					t.Errorf("first-line indent off by %.1f pt", d)
				}
				// pdftotext -layout: the kind's line sits mid-page.
				for _, l := range strings.Split(text[0], "\n") {
					if strings.TrimSpace(l) == "CHỈ THỊ" && (strings.Index(l, "CHỈ") < 20) {
						t.Errorf("kind line not centred in the layout text: %q", l)
					}
				}
			},
		},
		{
			name: "official letter with V/v", render: func() (Rendered, error) { return Render(officialLetter()) }, minPages: 1,
			mark: "KT. GIÁM ĐỐC", position: "PHÓ GIÁM ĐỐC", fullName: "Trần Thị Bích", archive: "- Lưu: VT, CĐS.",
			lastBody: "Ủy ban nhân dân tỉnh chỉ thị:",
			check: func(t *testing.T, pages []page, text []string) {
				p := pages[0]
				number := must(t, p, "Số: 123/STTTT-CĐS")
				vv := must(t, p, "V/v Đôn đốc")
				if vv.x1 > p.w/2 || vv.y0 < number.y1 {
					t.Errorf("V/v %+v should be under the number %+v at the left", vv, number)
				}
				if strings.Contains(text[0], "CÔNG VĂN") {
					t.Error("an official letter has no kind line")
				}
				kg := must(t, p, "Kính gửi:")
				dash := must(t, p, "- Các sở, ban, ngành thuộc tỉnh;")
				if dash.y0 < kg.y1-1 || dash.x0 < kg.x0 {
					t.Errorf("addressees %+v should be under Kính gửi %+v", dash, kg)
				}
				must(t, p, "- UBND các huyện, thị xã, thành phố.")
			},
		},
		{
			name: "urgent and confidential", render: func() (Rendered, error) { return Render(urgentConfidential()) }, minPages: 1,
			mark: "KT. GIÁM ĐỐC", position: "PHÓ GIÁM ĐỐC", fullName: "Trần Thị Bích", archive: "- Lưu: VT, CĐS.",
			lastBody: "Ủy ban nhân dân tỉnh chỉ thị:",
			check: func(t *testing.T, pages []page, text []string) {
				p := pages[0]
				number := must(t, p, "Số: 05/STTTT-VP")
				secret, flash := must(t, p, "TỐI MẬT"), must(t, p, "HỎA TỐC")
				for _, m := range []word{secret, flash} {
					if m.x1 > p.w/2 || m.y0 < number.y1 || abs(m.cx()-number.cx()) > 2 {
						t.Errorf("mark %q at %+v should be centred under the number %+v", m.text, m, number)
					}
				}
				if flash.y0 < secret.y1 {
					t.Error("confidentiality goes above urgency")
				}
				// One addressee stands on the Kính gửi line.
				must(t, p, "Kính gửi: Ủy ban nhân dân tỉnh.")
			},
		},
		{
			name: "copy form", render: func() (Rendered, error) { return RenderCopy(directive(2), copyForm()) }, minPages: 1,
			mark: "TL. CHỦ TỊCH", position: "CHÁNH VĂN PHÒNG", fullName: "Lê Văn Cường", archive: "- Lưu: VT.",
			check: func(t *testing.T, pages []page, text []string) {
				// The copy form follows the original's signature.
				i, original := locate(t, pages, "Nguyễn Văn Anh", 0)
				j, form := locate(t, pages, "SAO Y", i)
				p := pages[j]
				if j == i && form.y0 < original.y1 {
					t.Errorf("the copy form %+v should follow the original %+v", form, original)
				}
				number := must(t, p, "Số: 05/BSY-VP")
				date := must(t, p, "Khánh Hòa, ngày 12 tháng 3 năm 2026")
				if form.x0 < p.w/2 || number.x1 > p.w/2 || date.x0 < p.w/2 || abs(number.y0-date.y0) > 1 {
					t.Errorf("copy form: SAO Y %+v and date %+v right, number %+v left on the date's line", form, date, number)
				}
				agency := must(t, p, "VĂN PHÒNG")
				if agency.x1 > p.w/2 || agency.y0 < original.y1 && i == j {
					t.Errorf("copying agency %+v should be at the left under the original", agency)
				}
			},
		},
		{
			name: "recipients over a page", render: func() (Rendered, error) { return Render(manyRecipients) }, minPages: 2,
			mark: "TM. ỦY BAN NHÂN DÂN", position: "CHỦ TỊCH", fullName: "Nguyễn Văn Anh", archive: "- Lưu: VT, KGVX.",
			lastBody: "bố trí nguồn lực, chỉ đạo quyết liệt, đồng bộ các nhiệm vụ, giải pháp.",
			check: func(t *testing.T, pages []page, text []string) {
				last := pages[len(pages)-1]
				must(t, last, "- UBND xã số 45;")
			},
		},
		{
			name: "a word longer than a line", render: func() (Rendered, error) { return Render(longWord) }, minPages: 1,
			mark: "KT. GIÁM ĐỐC", position: "PHÓ GIÁM ĐỐC", fullName: "Trần Thị Bích", archive: "- Lưu: VT, CĐS.",
			lastBody: "và các trang liên quan.",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.render()
			if err != nil {
				t.Fatal(err)
			}
			path := writePDF(t, r.PDF)
			pages := bboxPages(t, path)
			text := layoutPages(t, path)
			if len(pages) != r.Pages || r.Pages < c.minPages {
				t.Fatalf("pages: poppler %d, Rendered %d, want at least %d", len(pages), r.Pages, c.minPages)
			}
			checkHeader(t, pages[0], text[0])
			checkMargins(t, pages)
			checkPageNumbers(t, pages)
			// pdftotext -layout agrees: a page's first line is its number
			// from page 2 on, the agency's on page 1.
			for i, p := range text {
				first := strings.TrimSpace(strings.SplitN(strings.TrimLeft(p, "\n"), "\n", 2)[0])
				if want := strconv.Itoa(i + 1); (i > 0) != (first == want) {
					t.Errorf("page %d starts with %q", i+1, first)
				}
			}
			checkClosing(t, c, pages, text, r)
			checkFonts(t, path)
			if c.check != nil {
				c.check(t, pages, text)
			}
		})
	}
}

func must(t *testing.T, p page, phrase string) word {
	t.Helper()
	w, ok := p.find(phrase)
	if !ok {
		t.Fatalf("%q not on the page", phrase)
	}
	return w
}

// centred checks that a line's middle is the text area's.
func centred(t *testing.T, what string, line word, p page) {
	t.Helper()
	mid := mm(marginLeft) + mm(textW)/2
	if d := line.cx() - mid; abs(d) > 2 {
		t.Errorf("%s is %.1f pt off the centre", what, d)
	}
}

// checkHeader: the agency and number at the top left, the national title,
// motto and place-date at the top right, the number level with the date.
func checkHeader(t *testing.T, p page, text string) {
	t.Helper()
	nation := must(t, p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	motto := must(t, p, "Độc lập - Tự do - Hạnh phúc")
	number := must(t, p, "Số:")
	date := must(t, p, "ngày")
	date = p.lineOf(date)
	top := mm(marginTop + 20)
	if nation.x0 < p.w/2-mm(10) || nation.y0 > top || motto.y0 < nation.y1-1 || abs(motto.cx()-nation.cx()) > 2 {
		t.Errorf("national title %+v and motto %+v should be at the top right", nation, motto)
	}
	if number.x1 > p.w/2 || number.y0 > mm(marginTop+40) {
		t.Errorf("Số: %+v should be at the top left", number)
	}
	if date.x0 < p.w/2 || abs(date.y0-number.y0) > 1.5 || abs(date.cx()-nation.cx()) > 2 {
		t.Errorf("date line %+v should be right, level with Số %+v, centred under the national title", date, number)
	}
	// pdftotext -layout agrees: the national title right of the agency.
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, "CỘNG HÒA"); i >= 0 && i < 20 {
			t.Errorf("national title not at the right in the layout text: %q", l)
		}
		if i := strings.Index(l, "Số:"); i >= 0 && strings.Index(l, "ngày") < i {
			t.Errorf("Số: should come before the date on its line: %q", l)
		}
	}
}

// checkMargins: no text left of 30 mm, right of 15 mm from the edge, below
// 20 mm from the bottom, nor above the top margin but page numbers.
func checkMargins(t *testing.T, pages []page) {
	t.Helper()
	const slack = 0.6
	for i, p := range pages {
		for _, w := range p.words {
			if w.x0 < mm(marginLeft)-slack || w.x1 > p.w-mm(marginRight)+slack || w.y1 > p.h-mm(marginBottom)+slack {
				t.Errorf("page %d: %q at %+v crosses a margin", i+1, w.text, w)
			}
			if w.y0 < mm(marginTop)-slack && w.text != strconv.Itoa(i+1) {
				t.Errorf("page %d: %q at %+v in the top margin", i+1, w.text, w)
			}
		}
	}
}

// checkPageNumbers: none on page 1, then centred in the top margin.
func checkPageNumbers(t *testing.T, pages []page) {
	t.Helper()
	for i, p := range pages {
		var found []word
		for _, w := range p.words {
			if w.y1 < mm(marginTop) {
				found = append(found, w)
			}
		}
		switch {
		case i == 0 && len(found) > 0:
			t.Errorf("page 1 has a number: %+v", found)
		case i > 0 && (len(found) != 1 || found[0].text != strconv.Itoa(i+1)):
			t.Errorf("page %d: top margin holds %+v, want its number", i+1, found)
		case i > 0:
			centred(t, "page number", found[0], p)
		}
	}
}

// checkClosing: the signature block at the right below the body's end,
// Nơi nhận at the left level with it, and Rendered's boxes where the
// signature goes.
func checkClosing(t *testing.T, c layoutCase, pages []page, text []string, r Rendered) {
	t.Helper()
	// The signer's block is the last one carrying their name.
	n := -1
	var name word
	for i, p := range pages {
		if w, ok := p.find(c.fullName); ok {
			n, name = i, w
		}
	}
	if n < 0 {
		t.Fatalf("signer %q not found", c.fullName)
	}
	p := pages[n]
	// The mark: the last one above the name; the position: under it.
	var mark, position word
	for _, m := range p.findAll(c.mark) {
		if m.y0 < name.y0 {
			mark = m
		}
	}
	for _, m := range p.findAll(c.position) {
		if m.y0 >= mark.y1-1 && m.y0 < name.y0 && position.text == "" {
			position = m
		}
	}
	if mark.text == "" || position.text == "" {
		t.Fatalf("mark %q or position %q not above the name on page %d", c.mark, c.position, n+1)
	}
	rightMid := mm(rightX + rightW/2)
	for _, w := range []word{p.lineOf(mark), position, name} {
		if w.x0 < p.w/2-mm(10) || abs(w.cx()-rightMid) > 2 {
			t.Errorf("signature block line %q at %+v should be centred in the right column", w.text, w)
		}
	}
	if !(mark.y1 <= position.y0+1 && position.y1 < name.y0) {
		t.Errorf("mark %+v, position %+v, name %+v out of order", mark, position, name)
	}
	// The body's end stands above the block on its page.
	if c.lastBody != "" {
		if end, ok := p.find(c.lastBody); !ok || end.y1 > mark.y0 {
			t.Errorf("body's end %q not above the signature block on page %d", c.lastBody, n+1)
		}
	}
	// Nơi nhận: at the left, level with the mark.
	var recv word
	for _, w := range p.findAll("Nơi nhận:") {
		if abs(w.y0-mark.y0) < 3 {
			recv = w
		}
	}
	if recv.text == "" || recv.x1 > p.w/2 || recv.x0 > mm(marginLeft)+0.6 {
		t.Errorf("Nơi nhận %+v should be at the left, level with the mark %+v", recv, mark)
	}
	_, archive := locate(t, pages, c.archive, n)
	if archive.x1 > p.w/2 {
		t.Errorf("archive line %+v should be at the left", archive)
	}
	// Rendered's boxes: the room between position and name, the seal over
	// its left third.
	sb := r.SignerBox
	top, bottom := p.h-(sb.Y+sb.H), p.h-sb.Y
	if sb.Page != n+1 || top < position.y1-1 || bottom > name.y0+1 || abs(sb.X+sb.W/2-rightMid) > 1 {
		t.Errorf("SignerBox %+v should lie between position %+v and name %+v on page %d", sb, position, name, n+1)
	}
	seal := r.SealBox
	if seal.Page != sb.Page || seal.X >= sb.X+sb.W/3 || seal.X+seal.W <= sb.X || abs((seal.Y+seal.H/2)-(sb.Y+sb.H/2)) > 1 {
		t.Errorf("SealBox %+v should overlap the left third of %+v", seal, sb)
	}
	if st := r.StampBox; st.Page != 1 || st.Y < p.h-mm(marginTop) || st.X+st.W > p.w-mm(marginRight)+0.1 {
		t.Errorf("StampBox %+v should be in the first page's top-right margin", st)
	}
	// pdftotext -layout: Nơi nhận and the mark on one line.
	found := false
	for _, l := range strings.Split(text[n], "\n") {
		if i := strings.Index(l, "Nơi nhận:"); i >= 0 && strings.Index(l, c.mark) > i {
			found = true
		}
	}
	if !found {
		t.Errorf("no layout line with Nơi nhận: at the left and %q at the right on page %d", c.mark, n+1)
	}
}

// checkFonts: every font is Liberation Serif, embedded.
func checkFonts(t *testing.T, path string) {
	t.Helper()
	rows := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")[2:]
	if len(rows) == 0 {
		t.Fatal("pdffonts lists no font")
	}
	for _, row := range rows {
		f := strings.Fields(row)
		if !strings.Contains(f[0], "liberationserif") || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded Liberation Serif: %q", row)
		}
	}
}
