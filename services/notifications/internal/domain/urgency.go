package domain

import "github.com/eoffice-vn/eoffice/pkg/urgency"

// Urgency (độ khẩn) of the document a notification is about; its Rank
// orders outgoing work, flash first (DOMAIN.md: urgent documents are
// notified first).
type Urgency = urgency.Level

const (
	UrgencyNormal     = urgency.Normal
	UrgencyUrgent     = urgency.Urgent
	UrgencyVeryUrgent = urgency.VeryUrgent
	UrgencyFlash      = urgency.Flash
)

// ParseUrgency reads an event's urgency (urgency.Parse): anything unknown
// or empty is normal, so that a newer producer's value never stops a
// notification.
func ParseUrgency(s string) Urgency { return urgency.Parse(s) }
