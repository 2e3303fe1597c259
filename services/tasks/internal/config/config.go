// Package config reads the tasks service's own settings from the
// environment (the shared ones are svc.Config's) and validates them at
// start.
package config

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/envconf"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
)

// Config is what tasks reads beyond svc.Config.
type Config struct {
	// DueSoonDays is how many days before its deadline an open task gets
	// task.due_soon (EOFFICE_TASKS_DUE_SOON_DAYS, a positive whole number).
	DueSoonDays int
}

// Load reads and validates the settings; every problem is reported at once.
func Load() (Config, error) {
	var c Config
	var errs []error
	var err error
	if c.DueSoonDays, err = positive("EOFFICE_TASKS_DUE_SOON_DAYS", app.DefaultDueSoonDays); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// positive reads key as a positive whole number (def when unset).
func positive(key string, def int) (int, error) {
	v := envconf.Env(key, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a positive whole number, not %q", key, v)
	}
	return n, nil
}
