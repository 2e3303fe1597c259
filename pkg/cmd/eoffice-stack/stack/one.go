package stack

import (
	"context"
	"fmt"
	"path/filepath"
	"time"
)

// oneGrace bounds eoffice-one's stop: it gives the services, then the
// broker, up to 30 s each.
const oneGrace = 65 * time.Second

// runOne is Run with every part in one child, eoffice-one, supervised as
// any part: restarted with growing pauses if it dies (a panic in any part
// ends that process), stopped on a signal. The launcher keeps what it does
// for a stack of many: it waits for every part to answer, reports, and
// loads the demo people.
func runOne(ctx context.Context, c Config, start time.Time) error {
	one := newChild(OneBinary, filepath.Join(c.BinDir, OneBinary), c)
	// The launcher loads the demo people once; eoffice-one would too after
	// each of its starts.
	one.cfg.Env = append(one.cfg.Env[:len(one.cfg.Env):len(one.cfg.Env)], "EOFFICE_DEMO_SEED=")
	if err := one.start(); err != nil {
		return err
	}
	oneLog := func(string) string { return one.logPath }
	ready := func() error {
		if c.Broker {
			if err := AwaitBroker(ctx, c, one.logPath); err != nil {
				return err
			}
		}
		return AwaitParts(ctx, c, oneLog)
	}
	if err := ready(); err != nil {
		one.stop(oneGrace)
		return err
	}
	Announce(ctx, c, time.Since(start))
	go one.supervise(ctx)
	<-ctx.Done()
	fmt.Fprintln(c.Out, "eoffice: stopping…")
	one.stop(oneGrace)
	fmt.Fprintln(c.Out, "eoffice: stopped")
	return nil
}
