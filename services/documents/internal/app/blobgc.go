package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
)

var (
	metricBlobsCollected = promauto.NewCounter(prometheus.CounterOpts{
		Name: "eoffice_documents_blobs_collected_total",
		Help: "Attachment blobs the collector removed (no attachment names them, older than the grace period).",
	})
	metricBlobBytesCollected = promauto.NewCounter(prometheus.CounterOpts{
		Name: "eoffice_documents_blob_bytes_collected_total",
		Help: "Bytes of the attachment blobs the collector removed.",
	})
)

// Collector limits, checked by CollectorConfig.Validate.
const (
	// MinBlobGrace keeps the grace period above any upload's time between
	// storing its blob and committing its row.
	MinBlobGrace       = time.Minute
	MinBlobGCInterval  = time.Minute
	DefaultBlobGrace   = 24 * time.Hour
	DefaultBlobGCEvery = time.Hour
)

// CollectorConfig configures the blob collector.
type CollectorConfig struct {
	// Grace: a blob stored (or stored again) less than this long ago is
	// never removed, so that an upload between storing its content and
	// committing its row keeps it.
	Grace time.Duration
	// Interval between collections (Run).
	Interval time.Duration
	Logger   *slog.Logger
}

// Validate refuses a configuration that could remove uploads in flight or
// spin.
func (c CollectorConfig) Validate() error {
	var errs []error
	if c.Grace < MinBlobGrace {
		errs = append(errs, fmt.Errorf("blob grace period %s: want at least %s", c.Grace, MinBlobGrace))
	}
	if c.Interval < MinBlobGCInterval {
		errs = append(errs, fmt.Errorf("blob collection interval %s: want at least %s", c.Interval, MinBlobGCInterval))
	}
	return errors.Join(errs...)
}

// Collector removes the blobs no attachment row names (left by an upload
// whose transaction did not commit, or by deleted attachments), once older
// than the grace period.
type Collector struct {
	s   *service
	cfg CollectorConfig
	log *slog.Logger
}

// NewCollector returns the collector of svc's blobs (svc from New).
func NewCollector(svc Service, cfg CollectorConfig) (*Collector, error) {
	s, ok := svc.(*service)
	if !ok {
		return nil, errors.New("blob collector: not the documents service")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Collector{s: s, cfg: cfg, log: log}, nil
}

// Collected is what one collection found and removed.
type Collected struct {
	Checked      int   // blobs older than the grace period
	Removed      int   // of which no row named
	RemovedBytes int64 //
	Temp         int   // crashed uploads' temporary files removed
}

// gcBatch bounds the hashes asked about in one query.
const gcBatch = 500

// Collect runs one collection. A blob is removed only when it is older than
// the grace period, no row names it once that is known, and it has not been
// stored again meanwhile (Blobs.Delete checks that last step atomically
// with Put).
func (c *Collector) Collect(ctx context.Context) (Collected, error) {
	var out Collected
	cutoff := c.s.now().Add(-c.cfg.Grace)
	if p, ok := c.s.blobs.(interface {
		PruneTemp(context.Context, time.Time) (int, error)
	}); ok {
		n, err := p.PruneTemp(ctx, cutoff)
		if err != nil {
			return out, err
		}
		out.Temp = n
	}
	var batch []blobs.Info
	flush := func() error {
		err := c.sweep(ctx, batch, cutoff, &out)
		batch = batch[:0]
		return err
	}
	err := c.s.blobs.Walk(ctx, func(b blobs.Info) error {
		if !b.ModTime.Before(cutoff) {
			return nil
		}
		out.Checked++
		if batch = append(batch, b); len(batch) == gcBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if out.Removed > 0 || out.Temp > 0 {
		c.log.InfoContext(ctx, "blob collection", "checked", out.Checked, "removed", out.Removed,
			"removed_bytes", out.RemovedBytes, "temp_removed", out.Temp)
	}
	if err != nil {
		return out, fmt.Errorf("blob collection: %w", err)
	}
	return out, nil
}

func (c *Collector) sweep(ctx context.Context, batch []blobs.Info, cutoff time.Time, out *Collected) error {
	if len(batch) == 0 {
		return nil
	}
	sums := make([]string, len(batch))
	for i, b := range batch {
		sums[i] = b.SHA256
	}
	// Asked after the walk saw the blob old: a row committed since is seen.
	refs, err := c.s.st.ReferencedBlobs(ctx, sums)
	if err != nil {
		return err
	}
	for _, b := range batch {
		if refs[b.SHA256] {
			continue
		}
		removed, err := c.s.blobs.Delete(ctx, b.SHA256, cutoff)
		if err != nil {
			return err
		}
		if removed {
			out.Removed++
			out.RemovedBytes += b.Size
			metricBlobsCollected.Inc()
			metricBlobBytesCollected.Add(float64(b.Size))
			c.log.InfoContext(ctx, "blob removed", "sha256", b.SHA256, "size", b.Size, "stored_at", b.ModTime)
		}
	}
	return nil
}

// Run collects now and then every Interval until ctx ends (a svc.Worker).
// A failed collection is logged and retried at the next tick.
func (c *Collector) Run(ctx context.Context) error {
	t := time.NewTicker(c.cfg.Interval)
	defer t.Stop()
	for {
		if _, err := c.Collect(ctx); err != nil && ctx.Err() == nil {
			c.log.ErrorContext(ctx, "blob collection failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
