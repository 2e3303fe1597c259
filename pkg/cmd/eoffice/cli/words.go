package cli

import (
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/wording"
)

// The words of tables come from pkg/wording, as the console's do: kinds,
// statuses and classes by their names, dates as dd/mm/yyyy; --lang en
// gives the same words in English. Only --json shows codes and ISO dates.

// word is a word of pkg/wording in the session's language.
func (a *App) word(vi string) string { return wording.In(a.lang, vi) }

// kind, docStatus, ... name a code in the session's language.
func (a *App) kind(code string) string       { return a.word(wording.KindName(code)) }
func (a *App) docStatus(code string) string  { return a.word(wording.DocumentStatus(code)) }
func (a *App) receipt(code string) string    { return a.word(wording.ReceiptStatus(code)) }
func (a *App) taskStatus(code string) string { return a.word(wording.TaskStatus(code)) }
func (a *App) class(code string) string      { return a.word(wording.ClassName(code)) }
func (a *App) role(code string) string       { return a.word(wording.Role(code)) }
func (a *App) urgency(code string) string    { return a.word(wording.Urgency(code)) }
func (a *App) channel(code string) string    { return a.word(wording.Channel(code)) }

// date writes a YYYY-MM-DD date (or an RFC 3339 time) as dd/mm/yyyy.
func (a *App) date(iso string) string { return wording.DateISO(iso) }

// datetime writes a time as dd/mm/yyyy hh:mm in Vietnam.
func (a *App) datetime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return wording.Date(t) + " " + t.In(vnZone).Format("15:04")
}

// yesNo is a boolean as a reader says it.
func (a *App) yesNo(b bool) string {
	if b {
		return a.tr("yes")
	}
	return a.tr("no")
}

// errf is an error in the session's language.
func (a *App) errf(format string, args ...any) error { return fmt.Errorf(a.tr(format), args...) }

// header translates a table's column names.
func (a *App) header(cols ...string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = a.tr(c)
	}
	return out
}

// kv translates the names of name/value pairs (fields).
func (a *App) kv(pairs ...string) []string {
	for i := 0; i < len(pairs); i += 2 {
		pairs[i] = a.tr(pairs[i])
	}
	return pairs
}
