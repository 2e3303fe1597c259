package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// figureNames are the province's figures: every one is printed for each
// database, with its growth.
var figureNames = []string{"box_first_page", "box_deep_page", "search_text", "search_notation", "dashboard",
	"scoreboard_year", "scoreboard_month", "plan_progress", "login", "document_page", "register_export_year", "statistics_year"}

// A small province (--scale 0.01 unless EOFFICE_BENCH_PROVINCE_SCALE says
// otherwise) is generated on the built stack, on SQLite and, when
// EOFFICE_TEST_POSTGRES_DSN is set, on PostgreSQL: what the APIs show
// matches what the generator says it made, and every figure is printed
// as a number. Needs the stack's binaries (EOFFICE_BIN_DIR, as
// scripts/test.sh builds them).
func TestProvince(t *testing.T) {
	binDir := os.Getenv("EOFFICE_BIN_DIR")
	if binDir == "" {
		t.Skip("EOFFICE_BIN_DIR not set (scripts/test.sh builds the binaries)")
	}
	scale := 0.01
	if v := os.Getenv("EOFFICE_BENCH_PROVINCE_SCALE"); v != "" {
		var err error
		if scale, err = strconv.ParseFloat(v, 64); err != nil {
			t.Fatal(err)
		}
	}
	dbs := []string{"sqlite"}
	if dsn := os.Getenv("EOFFICE_TEST_POSTGRES_DSN"); dsn != "" {
		t.Setenv("EOFFICE_BENCH_POSTGRES_DSN", dsn)
		dbs = append(dbs, "postgres")
	}
	for _, db := range dbs {
		t.Run(db, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
			defer cancel()
			var log bytes.Buffer
			keys, err := RunProvince(ctx, binDir, ProvinceOptions{Scale: scale, DB: db, Workers: 16, Samples: 10, Check: checkProvince}, &log)
			if err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			got := map[string]bool{}
			line := regexp.MustCompile(`^(province_[a-z0-9_]+)=-?[0-9]+(\.[0-9]+)?$`)
			for _, k := range keys {
				m := line.FindStringSubmatch(k)
				if m == nil {
					t.Errorf("line %q is not key=number", k)
					continue
				}
				got[m[1]] = true
			}
			var want []string
			for _, f := range figureNames {
				want = append(want, "province_"+f+"_p50_ms", "province_"+f+"_p99_ms", "province_"+f+"_cpu_ms", "province_"+f+"_growth")
			}
			for _, f := range []string{"startup", "db_size", "broker_size", "peak_rss"} {
				want = append(want, "province_"+f+"_growth")
			}
			want = append(want, "province_startup_ms", "province_db_size_mb", "province_broker_size_mb", "province_peak_rss_mb",
				"province_documents", "province_receipts", "province_generate_documents_per_s")
			for _, k := range want {
				if !got[k] {
					t.Errorf("%s not printed", k)
				}
			}
			// Where the peak comes from: each program's (the one process's,
			// or documents' among a process per part) and each query's.
			peaks := regexp.MustCompile(`province: peak memory by process while measuring \(MB\): .*(documents|eoffice-one) [0-9]+`)
			export := regexp.MustCompile(`province: register_export_year: the stack's peak memory [1-9][0-9]* MB`)
			if !peaks.Match(log.Bytes()) || !export.Match(log.Bytes()) {
				t.Errorf("the log does not say where the peak memory comes from:\n%s", log.String())
			}
		})
	}
}

// checkProvince counts, through the APIs, what p says it made: the units,
// each agency's outgoing register of the year (its issued documents), the
// incoming boxes (the receipts) and the tasks in the agencies' inboxes
// (each reported on once).
func checkProvince(ctx context.Context, p *Province) error {
	tok, err := login(ctx, p.st.Identity, "admin", p.st.AdminPassword)
	if err != nil {
		return err
	}
	units, err := clientsFor(p.st, staticToken(tok)).Identity.Units(ctx)
	if err != nil {
		return err
	}
	if len(units) != p.Made.Agencies+p.Made.Divisions {
		return fmt.Errorf("%d units, want %d", len(units), p.Made.Agencies+p.Made.Divisions)
	}
	var issued, receipts, tasks int
	for _, a := range p.Agencies {
		reg, err := p.As(a.Clerk).Documents.Register(ctx, "outgoing", url.Values{"agency_id": {a.ID}, "year": {strconv.Itoa(time.Now().Year())}})
		if err != nil {
			return err
		}
		issued += len(reg.Items)
		cursor := ""
		for {
			q := url.Values{"box": {"incoming"}, "limit": {"100"}}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			l, err := p.As(a.Clerk).Documents.Page(ctx, q)
			if err != nil {
				return err
			}
			receipts += len(l.Items)
			if cursor = l.NextCursor; cursor == "" {
				break
			}
		}
		for cursor := ""; ; {
			q := url.Values{"box": {"inbox"}, "limit": {"200"}}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			l, err := p.As(a.Staff).Tasks.Page(ctx, q)
			if err != nil {
				return err
			}
			tasks += len(l.Items)
			if cursor = l.NextCursor; cursor == "" {
				break
			}
		}
	}
	var bad []string
	if issued != p.Made.Documents {
		bad = append(bad, fmt.Sprintf("%d documents in the outgoing registers, want %d", issued, p.Made.Documents))
	}
	if receipts != p.Recvd {
		bad = append(bad, fmt.Sprintf("%d documents in the incoming boxes, want %d", receipts, p.Recvd))
	}
	if tasks != p.Repts || tasks < p.Made.Tasks {
		bad = append(bad, fmt.Sprintf("%d tasks in the inboxes, %d reported on, %d plan tasks made", tasks, p.Repts, p.Made.Tasks))
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return nil
}
