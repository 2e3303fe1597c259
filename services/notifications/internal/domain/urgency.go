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
