package edxml

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// pdfLike is n bytes that start and end like a PDF.
func pdfLike(n int) []byte {
	b := bytes.Repeat([]byte("0123456789 stream BT /F1 12 Tf (Quyết định) Tj ET endstream\n"), n/60+1)[:n]
	copy(b, "%PDF-1.7\n")
	copy(b[n-6:], "%%EOF\n")
	return b
}

func samplePackage() Package {
	return Package{
		From: Organisation{ID: "000.00.00.H41", InCharge: "Chủ tịch UBND tỉnh", Name: "UBND tỉnh Nghệ An",
			Address: "16 Trường Thi, Vinh", Email: "ubnd@nghean.gov.vn", Telephone: "0238 3844 333", Fax: "0238 3844 334",
			Website: "nghean.gov.vn"},
		To: []Organisation{
			{ID: "000.00.00.G22", Name: "Văn phòng Chính phủ"},
			{ID: "000.00.00.H49", Name: "UBND tỉnh Quảng Ninh"},
		},
		DocumentID:         "000.00.00.H41,2026/11/20,7816/UBND-KT",
		Code:               Code{Number: "7816", Notation: "UBND-KT"},
		Place:              "Nghệ An",
		PromulgationDate:   "2026-11-20",
		Type:               DocumentType{Type: "1", TypeDetail: "0", TypeName: "Công văn"},
		Subject:            "V/v báo cáo tình hình <kinh tế> & xã hội",
		Content:            "Nội dung\nhai dòng",
		Signer:             Signer{Competence: "KT. CHỦ TỊCH", Position: "Phó Chủ tịch", FullName: "Nguyễn Văn A"},
		DueDate:            "2026-12-01",
		Priority:           2,
		Sphere:             "Liên thông",
		TyperNotation:      "TVC",
		PromulgationAmount: 5,
		PageAmount:         3,
		ResponseFor: []Reference{{OrganID: "000.00.00.G22", Code: Code{Number: "12", Notation: "VPCP-KTTH"},
			DocumentID: "2b7f6c1e-4a0d-4f5e-8c3b-9d1a7e2f6b10", PromulgationDate: "2026-10-01"}},
		SteeringType: 3,
		ToPlaces:     []string{"Như trên", "Lưu: VT"},
		Traces:       []Trace{{OrganID: "000.00.00.H41", Timestamp: time.Date(2026, 11, 20, 9, 30, 5, 0, vietnam)}},
		BusinessKind: KindNew,
		Attachments: []Attachment{
			{ContentID: "1", Name: "7816-UBND-KT.pdf", ContentType: "application/pdf", Description: "Công văn", Data: pdfLike(5000)},
			{ContentID: "2", Name: "phu-luc.txt", ContentType: "text/plain", Description: "Phụ lục", Data: []byte("Phụ lục 1\n")},
		},
	}
}

func TestBuildReadRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Package)
	}{
		{"full", func(*Package) {}},
		{"revocation, flash, no optional fields", func(p *Package) {
			p.BusinessKind, p.Priority = KindRevocation, 4
			p.DueDate, p.ResponseFor, p.ToPlaces, p.Content = "", nil, nil, ""
		}},
		{"update", func(p *Package) { p.BusinessKind = KindUpdate }},
		{"replacement without attachments", func(p *Package) { p.BusinessKind, p.Attachments = KindReplacement, nil }},
		{"100 attachments", func(p *Package) {
			p.Attachments = nil
			for i := range 100 {
				p.Attachments = append(p.Attachments, Attachment{ContentID: itoa(i + 1), Name: "f" + itoa(i) + ".pdf",
					ContentType: "application/pdf", Description: "tệp " + itoa(i), Data: pdfLike(100 + i)})
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := samplePackage()
			c.change(&want)
			b, err := Build(want)
			if err != nil {
				t.Fatal(err)
			}
			got, st, err := Read(bytes.NewReader(b), Limits{})
			if err != nil || st != nil {
				t.Fatalf("Read = %v, %v", st, err)
			}
			samePackage(t, *got, want)
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// samePackage reports how got differs from want, attachments' bytes
// compared apart so that a failure does not print megabytes.
func samePackage(t *testing.T, got, want Package) {
	t.Helper()
	ga, wa := got.Attachments, want.Attachments
	got.Attachments, want.Attachments = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("package differs:\n got %+v\nwant %+v", got, want)
	}
	if len(ga) != len(wa) {
		t.Fatalf("%d attachments, want %d", len(ga), len(wa))
	}
	for i := range ga {
		if !bytes.Equal(ga[i].Data, wa[i].Data) {
			t.Errorf("attachment %d: %d bytes differ from the %d sent", i+1, len(ga[i].Data), len(wa[i].Data))
		}
		ga[i].Data, wa[i].Data = nil, nil
		if !reflect.DeepEqual(ga[i], wa[i]) {
			t.Errorf("attachment %d: %+v, want %+v", i+1, ga[i], wa[i])
		}
	}
}

func TestBuildNumbersAttachmentsAndAddsATrace(t *testing.T) {
	p := samplePackage()
	p.Traces = nil
	p.Attachments[0].ContentID, p.Attachments[1].ContentID = "x", "y"
	before := time.Now().Add(-time.Second)
	b, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Read(bytes.NewReader(b), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Attachments[0].ContentID != "1" || got.Attachments[1].ContentID != "2" {
		t.Errorf("content ids %q %q, want 1 2", got.Attachments[0].ContentID, got.Attachments[1].ContentID)
	}
	if len(got.Traces) != 1 || got.Traces[0].OrganID != p.From.ID || got.Traces[0].Timestamp.Before(before.Truncate(time.Second)) {
		t.Errorf("traces %+v, want one of %s now", got.Traces, p.From.ID)
	}
	if !bytes.Contains(b, []byte("<edXML:ContentId>cid:1</edXML:ContentId>")) {
		t.Errorf("no cid:1 in the output")
	}
}

func TestBuildRefuses(t *testing.T) {
	for _, c := range []struct {
		change func(*Package)
		reason string
	}{
		{func(p *Package) { p.From.ID = "" }, "missing From OrganId"},
		{func(p *Package) { p.To = nil }, "missing To"},
		{func(p *Package) { p.To[1].ID = " " }, "To 2: missing OrganId"},
		{func(p *Package) { p.DocumentID = "" }, "missing DocumentId"},
		{func(p *Package) { p.Code.Number = "" }, "missing Code"},
		{func(p *Package) { p.Code.Notation = "" }, "missing Code"},
		{func(p *Package) { p.Subject = "\n" }, "missing Subject"},
		{func(p *Package) { p.PromulgationDate = "" }, "missing PromulgationDate"},
		{func(p *Package) { p.PromulgationDate = "20/11/2026" }, `bad PromulgationDate "20/11/2026" (want YYYY-MM-DD)`},
		{func(p *Package) { p.DueDate = "2026/12/01" }, `bad DueDate "2026/12/01" (want YYYY-MM-DD)`},
		{func(p *Package) { p.BusinessKind = "delete" }, `unknown BusinessKind "delete"`},
		{func(p *Package) { p.ResponseFor[0].DocumentID = "" }, "ResponseFor 1: missing DocumentId"},
		{func(p *Package) { p.Traces[0].Timestamp = time.Time{} }, "trace 1: missing OrganId or Timestamp"},
		{func(p *Package) { p.Attachments[1].Name = "" }, "attachment 2: missing name"},
		{func(p *Package) { p.Attachments[0].Data = nil }, "attachment 1: empty"},
	} {
		t.Run(c.reason, func(t *testing.T) {
			p := samplePackage()
			c.change(&p)
			b, err := Build(p)
			var e *Error
			if !errors.As(err, &e) || e.Reason != c.reason || b != nil {
				t.Fatalf("Build = %d bytes, %v; want reason %q", len(b), err, c.reason)
			}
		})
	}
}

func sampleStatus() Status {
	return Status{
		From: Organisation{ID: "000.00.00.G22", Name: "Văn phòng Chính phủ"},
		ResponseFor: Reference{OrganID: "000.00.00.H41", Code: Code{Number: "7816", Notation: "UBND-KT"},
			DocumentID: "000.00.00.H41,2026/11/20,7816/UBND-KT", PromulgationDate: "2026-11-20"},
		Staff:       StaffInfo{Department: "Vụ Tổng hợp", Staff: "Lê C", Email: "c@chinhphu.vn", Mobile: "0900000000"},
		Code:        "03",
		Description: "Đã vào sổ",
		Timestamp:   time.Date(2026, 11, 20, 15, 4, 5, 0, vietnam),
	}
}

func TestBuildStatusRoundTrip(t *testing.T) {
	for _, code := range []string{"01", "02", "03", "04", "05", "06", "13", "15", "16"} {
		want := sampleStatus()
		want.Code = code
		b, err := BuildStatus(want)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("edXMLBody")) || bytes.Contains(b, []byte("<edXML:To>")) {
			t.Errorf("a status has a body or a To:\n%s", b)
		}
		p, got, err := Read(bytes.NewReader(b), Limits{})
		if err != nil || p != nil {
			t.Fatalf("Read = %v, %v", p, err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("round trip changed the status:\n got %+v\nwant %+v", *got, want)
		}
	}
}

func TestBuildStatusRefuses(t *testing.T) {
	for _, c := range []struct {
		change func(*Status)
		reason string
	}{
		{func(s *Status) { s.From.ID = "" }, "missing From OrganId"},
		{func(s *Status) { s.Code = "07" }, `unknown StatusCode "07"`},
		{func(s *Status) { s.Timestamp = time.Time{} }, "missing Timestamp"},
		{func(s *Status) { s.ResponseFor.OrganID = "" }, "ResponseFor: missing OrganId"},
		{func(s *Status) { s.ResponseFor.DocumentID = "" }, "ResponseFor: missing DocumentId"},
	} {
		s := sampleStatus()
		c.change(&s)
		_, err := BuildStatus(s)
		var e *Error
		if !errors.As(err, &e) || e.Reason != c.reason {
			t.Errorf("BuildStatus = %v, want reason %q", err, c.reason)
		}
	}
}

func TestCodesAndNames(t *testing.T) {
	for _, c := range []struct {
		urgency  string
		priority int
	}{{"normal", 0}, {"urgent", 1}, {"very_urgent", 2}, {"flash", 3}} {
		if got := PriorityOf(c.urgency); got != c.priority {
			t.Errorf("PriorityOf(%q) = %d, want %d", c.urgency, got, c.priority)
		}
		if got := UrgencyOf(c.priority); got != c.urgency {
			t.Errorf("UrgencyOf(%d) = %q, want %q", c.priority, got, c.urgency)
		}
	}
	if PriorityOf("soon") != 0 || UrgencyOf(4) != "flash" || UrgencyOf(9) != "normal" || UrgencyOf(-1) != "normal" {
		t.Error("unknown urgency/priority not read as documented")
	}
	for code, name := range map[string]string{"01": "arrived", "02": "refused", "03": "registered", "04": "assigned",
		"05": "handling", "06": "done", "13": "revocation_requested", "15": "revocation_agreed",
		"16": "revocation_refused", "3": "registered", "07": "", "": ""} {
		if got := StatusName(code); got != name {
			t.Errorf("StatusName(%q) = %q, want %q", code, got, name)
		}
	}
	if s := (Code{Number: "7816", Notation: "VPCP-TTĐT"}).String(); s != "7816/VPCP-TTĐT" {
		t.Errorf("Code.String = %q", s)
	}
}
