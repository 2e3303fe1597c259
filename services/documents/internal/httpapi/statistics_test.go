package httpapi_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

var (
	statClerks  = []string{"u-ubnd-vt", "u-ubnd-vt2"}
	statLeaders = []string{"u-ubnd-ld", "u-kt-ld"}
)

// statsYear is n documents UBND received in 2026, registered by one of two
// clerks and (two in three) directed by one of two leaders after a number
// of hours that varies, and n/10 it sent. A directed one was routed: its
// clerk forwarded it to the leader, who directed it (steps); one in six
// was directed before routing existed (its receipt's columns only).
func statsYear(n int) []testenv.Seeded {
	start := time.Date(2026, 1, 1, 7, 0, 0, 0, domain.Zone)
	channels := []string{"exchange", "internal", "paper"}
	urgencies := []string{"normal", "normal", "urgent", "flash"}
	kinds := []string{"official_letter", "plan", "report", "decision", "notice"}
	docs := make([]testenv.Seeded, 0, n+n/10)
	for i := range n {
		at := start.Add(time.Duration(i) * 5 * time.Minute)
		d := testenv.Seeded{ID: fmt.Sprintf("st-%07d", i), Kind: kinds[i%len(kinds)], Urgency: urgencies[i%len(urgencies)],
			Channel: channels[i%3], Summary: "Thống kê", Recipients: []string{id("UBND")},
			ReceiptAgency: id("UBND"), IncomingNumber: int64(i + 1), Arrived: at,
			RegisteredAt: at.Add(time.Duration(1+(i*7)%50) * time.Hour), RegisteredBy: statClerks[i%2]}
		if d.Channel == "internal" {
			d.IssuerUnitID, d.DraftingUnitID = id("STTTT"), id("STTTT")
		} else {
			d.SenderName, d.OriginalNotation, d.OriginalDate = "Bộ Nội vụ", fmt.Sprintf("%d/BNV-VP", i), "2026-01-01"
		}
		if i%3 != 2 {
			d.DirectedAt, d.DirectedBy, d.ReceiptStatus = d.RegisteredAt.Add(time.Duration(7+(i*13)%100)*time.Hour), statLeaders[(i/3)%2], "directed"
			d.LeadUnitID = id("KT")
			if i%6 != 0 {
				fwd := d.RegisteredAt.Add(time.Duration(1+(i*3)%7) * time.Hour)
				d.Steps = []testenv.SeededStep{{Kind: "forward", FromUserID: d.RegisteredBy, ToUserID: d.DirectedBy, At: fwd},
					{Kind: "direct", FromUserID: d.DirectedBy, At: d.DirectedAt}}
			}
		}
		docs = append(docs, d)
	}
	for i := range n / 10 {
		docs = append(docs, testenv.Seeded{ID: fmt.Sprintf("so-%07d", i), Kind: kinds[i%len(kinds)], Urgency: urgencies[i%len(urgencies)],
			IssuerUnitID: id("UBND"), DraftingUnitID: id("KT"), Summary: "Đi", Series: domain.SeriesGeneral, Number: int64(i + 1),
			Notation: fmt.Sprintf("%d/UBND-KT", i+1), IssuedAt: start.Add(time.Duration(i) * time.Hour), Recipients: []string{id("STTTT")}})
	}
	return docs
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// p90 by nearest rank: the smallest value at least 90% of them do not
// exceed.
func p90(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	for _, x := range s {
		below := 0
		for _, y := range s {
			if y <= x {
				below++
			}
		}
		if float64(below) >= 0.9*float64(len(s)) {
			return x
		}
	}
	return 0
}

// TestStatistics: the counts and the per-person handling times match a
// count made here from the seeded documents themselves.
func TestStatistics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		for _, login := range []string{"ubnd.vt", "ubnd.vt2", "ubnd.ld", "kt.ld"} {
			e.Facts.SetPosition(login, "", "")
		}
		docs := statsYear(600)
		testenv.Seed(t, db, docs)
		var st documentsapi.Statistics
		c.must(200, "GET", "/v1/statistics/documents?agency_id="+id("UBND")+"&from=2026-01-01&to=2026-01-02", "ubnd.ld", nil, &st)
		// Count here what arrived on those two days.
		until := time.Date(2026, 1, 3, 0, 0, 0, 0, domain.Zone)
		received := map[string]int{}
		reg, dir, steps := map[string][]float64{}, map[string][]float64{}, map[string][]float64{}
		kt := map[string][]float64{} // the directions by leaders sitting in KT
		total, sent := 0, 0
		for _, d := range docs {
			if d.Series != "" && d.IssuedAt.Before(until) {
				sent++
			}
			if d.ReceiptAgency == "" || !d.Arrived.Before(until) {
				continue
			}
			total++
			received[d.Channel]++
			reg[d.RegisteredBy] = append(reg[d.RegisteredBy], domain.Days(d.RegisteredAt.Sub(d.Arrived)))
			if d.DirectedBy != "" {
				dir[d.DirectedBy] = append(dir[d.DirectedBy], domain.Days(d.DirectedAt.Sub(d.Arrived)))
				if d.DirectedBy == "u-kt-ld" {
					kt["dir"] = append(kt["dir"], domain.Days(d.DirectedAt.Sub(d.Arrived)))
				}
			}
			// Each step from when its taker received the document.
			prev := d.RegisteredAt
			for _, s := range d.Steps {
				steps[s.FromUserID] = append(steps[s.FromUserID], domain.Days(s.At.Sub(prev)))
				if s.FromUserID == "u-kt-ld" {
					kt["steps"] = append(kt["steps"], domain.Days(s.At.Sub(prev)))
				}
				prev = s.At
			}
		}
		if st.Received.Total != total || st.Received.ByChannel["paper"] != received["paper"] ||
			st.Received.ByChannel["exchange"] != received["exchange"] || st.Received.ByChannel["internal"] != received["internal"] {
			t.Fatalf("received %+v, counted %d %v", st.Received, total, received)
		}
		if st.Sent.Total != sent || st.Sent.ByChannel["internal"] != sent || sent == 0 {
			t.Fatalf("sent %+v, counted %d", st.Sent, sent)
		}
		if want := float64(received["exchange"]+received["internal"]) / float64(total+sent); math.Abs(st.Electronic.Share-want) > 1e-9 {
			t.Fatalf("electronic share %v, want %v", st.Electronic.Share, want)
		}
		people := map[string]documentsapi.HandlingTime{}
		units := map[string]documentsapi.HandlingTime{}
		for _, h := range st.Handling {
			switch {
			case h.UserID != "":
				people[h.UserID] = h
			case h.UnitID != "":
				units[h.UnitID] = h
			}
		}
		for _, p := range statClerks {
			h := people[p]
			if h.Registered != len(reg[p]) || h.ToRegistrationMedianDays != median(reg[p]) || h.ToRegistrationP90Days != p90(reg[p]) {
				t.Errorf("clerk %s: %+v; counted %d, median %v, p90 %v", p, h, len(reg[p]), median(reg[p]), p90(reg[p]))
			}
		}
		for _, p := range statLeaders {
			h := people[p]
			if h.Directed != len(dir[p]) || h.ToDirectionMedianDays != median(dir[p]) || h.ToDirectionP90Days != p90(dir[p]) {
				t.Errorf("leader %s: %+v; counted %d, median %v, p90 %v", p, h, len(dir[p]), median(dir[p]), p90(dir[p]))
			}
		}
		for _, p := range append(slices.Clone(statClerks), statLeaders...) {
			h := people[p]
			if len(steps[p]) == 0 || h.Steps != len(steps[p]) || h.StepMedianDays != median(steps[p]) || h.StepP90Days != p90(steps[p]) {
				t.Errorf("steps of %s: %+v; counted %d, median %v, p90 %v", p, h, len(steps[p]), median(steps[p]), p90(steps[p]))
			}
		}
		if h := units[id("KT")]; h.Steps != len(kt["steps"]) || h.StepMedianDays != median(kt["steps"]) {
			t.Errorf("steps of unit KT: %+v; counted %d, median %v", h, len(kt["steps"]), median(kt["steps"]))
		}
		if h := units[id("KT")]; h.Directed != len(kt["dir"]) || h.ToDirectionMedianDays != median(kt["dir"]) || h.Name != "Phòng Kinh tế" {
			t.Errorf("unit KT: %+v; counted %d, median %v", h, len(kt["dir"]), median(kt["dir"]))
		}
		// The sheet, and who may read.
		r := c.do("GET", "/v1/statistics/documents?from=2026-01-01&to=2026-01-31&format=xlsx", "ubnd.vt", nil)
		if r.status != 200 || !strings.Contains(r.ctype, "spreadsheetml") {
			t.Fatalf("xlsx %d %s", r.status, r.ctype)
		}
		for _, login := range []string{"ubnd.cv", "stttt.ld"} {
			c.must(403, "GET", "/v1/statistics/documents?agency_id="+id("UBND")+"&from=2026-01-01&to=2026-01-31", login, nil, nil)
		}
		for _, q := range []string{"from=2026-01-01", "from=2026-02-01&to=2026-01-01", "from=x&to=2026-01-01", "from=2026-01-01&to=2026-01-02&format=pdf"} {
			if r := c.do("GET", "/v1/statistics/documents?"+q, "ubnd.vt", nil); r.status != 400 {
				t.Errorf("%s: %d %s", q, r.status, r.raw)
			}
		}
	})
}

// BenchmarkStatistics measures a year's statistics of an agency that
// received 100,000 documents (EOFFICE_BENCH_DOCS to change), on SQLite and,
// with EOFFICE_TEST_POSTGRES_DSN, on PostgreSQL:
//
//	go test -run '^$' -bench Statistics -benchtime 5x ./internal/httpapi/
func BenchmarkStatistics(b *testing.B) {
	n := benchDocs(100_000)
	storetest.EachBench(b, func(b *testing.B, db *pkgstore.DB) {
		e := testenv.New(b, db)
		start := time.Now()
		testenv.Seed(b, db, statsYear(n))
		b.Logf("%s: %d documents loaded in %s", b.Name(), n, time.Since(start).Round(time.Millisecond))
		ctx := e.Ctx("ubnd.ld")
		q := domain.StatsQuery{AgencyID: id("UBND"), From: "2026-01-01", To: "2026-12-31"}
		b.ResetTimer()
		for b.Loop() {
			st, err := e.Service.Statistics(ctx, q)
			if err != nil || st.Received.Total != n {
				b.Fatalf("%d received, %v", st.Received.Total, err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
	})
}
