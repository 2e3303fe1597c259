package httpapi_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// BenchmarkSubmitReport files reports from 32 goroutines on 500 tasks, as
// the bench script's report phase does, through the app (no HTTP), with
// the outbox relay publishing to an in-process broker, and prints the
// process's CPU time per report (cpu-us/op; the broker's included): the
// figure issue 21 asks to halve, without HTTP and consumers.
func BenchmarkSubmitReport(b *testing.B) {
	storetest.EachBench(b, func(b *testing.B, db *store.DB) {
		br, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: b.TempDir(), Partitions: 3, Topics: events.Topics()})
		if err != nil {
			b.Fatal(err)
		}
		defer br.Close()
		e := setupWith(b, db, messaging.OutboxConfig{Brokers: []string{br.Addr()}})
		const docs = 500
		for i := range docs {
			id := fmt.Sprintf("bdoc-%03d", i)
			e.deliver(events.DocumentIssued, id, &eventsv1.DocumentIssued{DocumentId: id, Kind: "directive",
				Notation: fmt.Sprintf("%d/CT-UBND", 100+i), IssuerUnitId: "ubnd", RecipientUnitIds: []string{"sttt"},
				Confidentiality: "normal", Summary: "Nâng cao chỉ số PAPI", DueDate: "2025-12-31", IssuedBy: "clerk-ubnd"})
		}
		ctx := auth.NewContext(context.Background(), auth.Principal{Subject: "u-sttt", UnitID: "sttt", AgencyID: "sttt", Roles: []string{auth.RoleLeader}})
		var ids []string
		rows, err := db.QueryContext(ctx, `SELECT id FROM tasks WHERE assignee_unit_id = 'sttt'`)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				b.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		rctx, stop := context.WithCancel(context.Background())
		relayed := make(chan error, 1)
		go func() { relayed <- e.outbox.Run(rctx) }()
		defer func() {
			stop()
			<-relayed
		}()
		var next atomic.Int64
		var wg sync.WaitGroup
		b.ResetTimer()
		cpu0 := cpuTime()
		for range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := next.Add(1)
					if i > int64(b.N) {
						return
					}
					in := app.ReportInput{ReportInput: domain.ReportInput{ProgressPercent: new(int(i % 90)), Summary: "Đã triển khai một phần nhiệm vụ", Final: new(false)}}
					if _, err := e.app.SubmitReport(ctx, ids[int(i)%len(ids)], in); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		for { // the relay's work is part of a report's cost
			if n, err := e.outbox.Pending(ctx); err != nil || n == 0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-us/op")
	})
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
