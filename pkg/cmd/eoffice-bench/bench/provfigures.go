package bench

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Figure is one measured query: its latencies in milliseconds, and the
// CPU the stack spent per call (all its processes, from /proc): what a
// read costs, for deploy/SIZING.md.
type Figure struct {
	Name     string
	P50, P99 float64
	CPUms    float64
	PeakMB   float64 // the stack's highest resident memory during it
}

// Figures is what Measure found on a province.
type Figures struct {
	Queries []Figure
	// Grown with the data, reported and not capped.
	StartupMS, DBSizeMB, BrokerSizeMB, PeakRSSMB float64
	// PeakByProcess is each program's highest resident memory while the
	// queries ran (Sampler.Peaks): where PeakRSSMB comes from.
	PeakByProcess string
}

// deepPage is how many pages of the incoming box the deep page is
// (20 documents a page), or the last one when the box is shorter.
const deepPage = 50

// Measure times each query of the province figures samples times (exports
// and statistics, which grow with the data, fewer), calls afterQueries (if
// not nil) while the processes that served them still run, then restarts
// the stack to time its start-up and reads the sizes on disk.
func (p *Province) Measure(ctx context.Context, samples int, afterQueries func()) (Figures, error) {
	var f Figures
	busiest, sender := p.busiest()
	rcv, snd := p.Agencies[busiest], p.Agencies[sender]
	clerk := p.As(rcv.Clerk)
	leader := p.As(rcv.Leader)
	year := time.Now().Year()
	today := time.Now()
	yearFrom, yearTo := fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year)
	// The generated tasks fall due over the year after today: the
	// scoreboard's year and month are that year and its first month.
	scoreFrom, scoreYear, scoreMonth := today.Format("2006-01-02"), today.AddDate(1, 0, 0).Format("2006-01-02"), today.AddDate(0, 1, 0).Format("2006-01-02")
	deep, err := p.deepCursor(ctx, rcv.Clerk)
	if err != nil {
		return f, fmt.Errorf("deep page: %w", err)
	}
	var doc IssuedDoc
	for _, d := range p.Issued {
		if d.Sender == sender {
			doc = d
			break
		}
	}
	if doc.Notation == "" {
		return f, fmt.Errorf("no issued document of the busiest sender")
	}
	planLeader := ""
	for _, d := range p.Issued {
		if d.ID == p.Plans[0] {
			planLeader = p.Agencies[d.Sender].Leader
		}
	}
	unread := true
	few := max(3, samples/20)
	queries := []struct {
		name string
		n    int
		fn   func() error
	}{
		{"box_first_page", samples, func() error {
			_, err := clerk.Documents.Page(ctx, url.Values{"box": {"incoming"}, "limit": {"20"}})
			return err
		}},
		{"box_deep_page", samples, func() error {
			q := url.Values{"box": {"incoming"}, "limit": {"20"}}
			if deep != "" {
				q.Set("cursor", deep)
			}
			_, err := clerk.Documents.Page(ctx, q)
			return err
		}},
		{"search_text", samples, func() error {
			_, err := clerk.Documents.Page(ctx, url.Values{"q": {SearchWord}, "limit": {"20"}})
			return err
		}},
		{"search_notation", samples, func() error {
			l, err := p.As(snd.Clerk).Documents.Page(ctx, url.Values{"notation": {doc.Notation}, "limit": {"20"}})
			if err == nil && len(l.Items) == 0 {
				err = fmt.Errorf("notation %q found nothing", doc.Notation)
			}
			return err
		}},
		{"dashboard", samples, func() error {
			if _, err := leader.Tasks.Page(ctx, url.Values{"box": {"inbox"}, "limit": {"200"}}); err != nil {
				return err
			}
			if _, err := leader.Documents.Page(ctx, url.Values{"box": {"incoming"}, "limit": {"10"}}); err != nil {
				return err
			}
			_, err := leader.Notifications.Page(ctx, notificationsapi.ListNotificationsRequest{Unread: &unread, Limit: 10})
			return err
		}},
		{"scoreboard_year", samples, func() error {
			_, err := leader.Tasks.UnitStats(ctx, tasksapi.StatsQuery{From: scoreFrom, To: scoreYear})
			return err
		}},
		{"scoreboard_month", samples, func() error {
			_, err := leader.Tasks.UnitStats(ctx, tasksapi.StatsQuery{From: scoreFrom, To: scoreMonth})
			return err
		}},
		{"plan_progress", samples, func() error {
			_, err := p.As(planLeader).Tasks.PlanProgress(ctx, p.Plans[0])
			return err
		}},
		{"login", samples, func() error {
			_, err := identityapi.PasswordGrant(ctx, httpClient, p.st.Identity, rcv.Staff, provincePassword)
			return err
		}},
		{"document_page", samples, func() error {
			_, err := p.As(snd.Clerk).Documents.Get(ctx, doc.ID)
			return err
		}},
		{"register_export_year", few, func() error {
			res, err := p.As(snd.Clerk).Documents.OpenRegister(ctx, "outgoing",
				url.Values{"agency_id": {snd.ID}, "year": {strconv.Itoa(year)}, "format": {"xlsx"}})
			if err != nil {
				return err
			}
			defer res.Body.Close()
			_, err = io.Copy(io.Discard, res.Body)
			return err
		}},
		{"statistics_year", few, func() error {
			_, err := clerk.Documents.Statistics(ctx, url.Values{"agency_id": {rcv.ID}, "from": {yearFrom}, "to": {yearTo}})
			return err
		}},
	}
	sampler := StartSampler(p.st.PID(), 100*time.Millisecond)
	for _, q := range queries {
		_ = q.fn() // warm: tokens, connections, caches
		lat := make([]float64, 0, q.n)
		cpu0, from := TreeCPU(p.st.PID()), time.Now()
		for range q.n {
			t0 := time.Now()
			if err := q.fn(); err != nil {
				sampler.Stop()
				return f, fmt.Errorf("%s: %w", q.name, err)
			}
			lat = append(lat, float64(time.Since(t0).Microseconds())/1000)
		}
		cpu := float64(TreeCPU(p.st.PID())-cpu0) / float64(time.Millisecond) / float64(q.n)
		sort.Float64s(lat)
		// A reading at the end too: a query shorter than the sampler's
		// interval may have none of its own.
		peak := TreeRSS(p.st.PID())
		for _, x := range sampler.Between(from, time.Now()) {
			peak = max(peak, x.RSS)
		}
		f.Queries = append(f.Queries, Figure{q.name, percentile(lat, 0.5), percentile(lat, 0.99), cpu, float64(peak) / (1 << 20)})
	}
	sampler.Stop()
	f.PeakRSSMB = float64(sampler.Peak()) / (1 << 20)
	f.PeakByProcess = sampler.Peaks()
	if afterQueries != nil {
		afterQueries()
	}
	took, err := p.st.Restart(ctx)
	if err != nil {
		return f, fmt.Errorf("restart: %w", err)
	}
	f.StartupMS = float64(took.Milliseconds())
	if f.DBSizeMB, err = p.st.dbSize(ctx); err != nil {
		return f, err
	}
	f.BrokerSizeMB = dirSize(filepath.Join(p.st.DataDir, "kafka")) / (1 << 20)
	return f, nil
}

// busiest is the agency with the most receipts and the one that sent most.
func (p *Province) busiest() (receiver, sender int) {
	in, out := make([]int, len(p.Agencies)), make([]int, len(p.Agencies))
	for _, d := range p.Issued {
		out[d.Sender]++
		for _, r := range d.Recipients {
			in[r]++
		}
	}
	for i := range p.Agencies {
		if in[i] > in[receiver] {
			receiver = i
		}
		if out[i] > out[sender] {
			sender = i
		}
	}
	return receiver, sender
}

// deepCursor walks the busiest receiver's incoming box to page deepPage
// (or its last page) and returns the cursor of that page ("" for the
// first).
func (p *Province) deepCursor(ctx context.Context, clerk string) (string, error) {
	c := p.As(clerk).Documents
	cursor := ""
	for range deepPage - 1 {
		q := url.Values{"box": {"incoming"}, "limit": {"20"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		l, err := c.Page(ctx, q)
		if err != nil {
			return "", err
		}
		if l.NextCursor == "" {
			break
		}
		cursor = l.NextCursor
	}
	return cursor, nil
}

// dbSize is the services' databases on disk in MiB: the SQLite files
// (with their write-ahead logs), or PostgreSQL's size of each database.
func (s *Stack) dbSize(ctx context.Context) (float64, error) {
	var total float64
	for _, name := range []string{"identity", "documents", "tasks", "notifications", "exchange"} {
		dsn := s.DSN(name)
		if !store.IsPostgresDSN(dsn) {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if fi, err := os.Stat(dsn + suffix); err == nil {
					total += float64(fi.Size())
				}
			}
			continue
		}
		db, err := store.Open(ctx, dsn)
		if err != nil {
			return 0, err
		}
		var n int64
		err = db.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
		db.Close()
		if err != nil {
			return 0, fmt.Errorf("size of %s: %w", name, err)
		}
		total += float64(n)
	}
	return total / (1 << 20), nil
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) float64 {
	var n float64
	_ = filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += float64(fi.Size())
		}
		return nil
	})
	return n
}

// Keys prints f as the bench's key=value lines, each with its growth: the
// ratio to the same figure on base (the empty system).
func (f Figures) Keys(base Figures) []string {
	ratio := func(a, b float64) float64 {
		if b <= 0 {
			return 0
		}
		return a / b
	}
	var out []string
	for i, q := range f.Queries {
		b := base.Queries[i]
		out = append(out,
			fmt.Sprintf("province_%s_p50_ms=%.1f", q.Name, q.P50),
			fmt.Sprintf("province_%s_p99_ms=%.1f", q.Name, q.P99),
			fmt.Sprintf("province_%s_cpu_ms=%.2f", q.Name, q.CPUms),
			fmt.Sprintf("province_%s_growth=%.2f", q.Name, ratio(q.P99, b.P99)))
	}
	for _, g := range []struct {
		key  string
		a, b float64
	}{{"startup_ms", f.StartupMS, base.StartupMS}, {"db_size_mb", f.DBSizeMB, base.DBSizeMB},
		{"broker_size_mb", f.BrokerSizeMB, base.BrokerSizeMB}, {"peak_rss_mb", f.PeakRSSMB, base.PeakRSSMB}} {
		out = append(out, fmt.Sprintf("province_%s=%.1f", g.key, g.a),
			fmt.Sprintf("province_%s_growth=%.2f", strings.TrimSuffix(strings.TrimSuffix(g.key, "_ms"), "_mb"), ratio(g.a, g.b)))
	}
	return out
}

// Flat checks point 3 of the province: every query figure (its name has
// none of export, statistics) within 10× its empty-system value or under
// 50 ms at p99; it returns the ones that are not.
func (f Figures) Flat(base Figures) []string {
	var bad []string
	for i, q := range f.Queries {
		if strings.Contains(q.Name, "export") || strings.Contains(q.Name, "statistics") {
			continue
		}
		if q.P99 >= 50 && q.P99 > 10*base.Queries[i].P99 {
			bad = append(bad, fmt.Sprintf("%s p99 %.1f ms (empty %.1f ms)", q.Name, q.P99, base.Queries[i].P99))
		}
	}
	return bad
}
