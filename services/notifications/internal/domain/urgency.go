package domain

// Urgency (độ khẩn) of the document a notification is about.
type Urgency string

const (
	UrgencyNormal     Urgency = "normal"
	UrgencyUrgent     Urgency = "urgent"      // Khẩn
	UrgencyVeryUrgent Urgency = "very_urgent" // Thượng khẩn
	UrgencyFlash      Urgency = "flash"       // Hỏa tốc
)

// ParseUrgency reads an event's urgency; anything unknown or empty is normal,
// so that a newer producer's value never stops a notification.
func ParseUrgency(s string) Urgency {
	switch u := Urgency(s); u {
	case UrgencyUrgent, UrgencyVeryUrgent, UrgencyFlash:
		return u
	default:
		return UrgencyNormal
	}
}

// Priority orders outgoing work: flash first, then very urgent, urgent,
// normal (DOMAIN.md: urgent documents are notified first).
func (u Urgency) Priority() int {
	switch u {
	case UrgencyFlash:
		return 3
	case UrgencyVeryUrgent:
		return 2
	case UrgencyUrgent:
		return 1
	default:
		return 0
	}
}
