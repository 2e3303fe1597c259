//go:build race

package httpapi_test

// raceEnabled: the race detector slows SQLite (pure Go) about thirty-fold.
const raceEnabled = true
