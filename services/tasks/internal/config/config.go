// Package config reads the tasks service's own settings from the
// environment (the shared ones are svc.Config's) and validates them at
// start.
package config

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// Config is what tasks reads beyond svc.Config.
type Config struct {
	// RemindEverySeconds is how often the reminder scheduler looks for
	// reminders and digests due (EOFFICE_TASKS_REMIND_EVERY_SECONDS, a
	// positive whole number). When reminders go out is the agencies'
	// reminder rules' (GET/PUT /v1/reminder-rules).
	RemindEverySeconds int
}

// DefaultRemindEverySeconds is a minute.
const DefaultRemindEverySeconds = 60

// Load reads and validates the settings; every problem is reported at once.
func Load() (Config, error) {
	var c Config
	var errs []error
	var err error
	if c.RemindEverySeconds, err = positive("EOFFICE_TASKS_REMIND_EVERY_SECONDS", DefaultRemindEverySeconds); err != nil {
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
