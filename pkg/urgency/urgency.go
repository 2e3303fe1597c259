// Package urgency is a document's urgency (độ khẩn) as every service reads
// it: documents sets it, tasks and notifications carry it from its events
// and order their work by it. One vocabulary, so the services cannot drift.
package urgency

// Level is one urgency, by its wire value (API.md, the events).
type Level string

// The levels, least urgent first (edXML priority 0..3).
const (
	Normal     Level = "normal"
	Urgent     Level = "urgent"      // Khẩn
	VeryUrgent Level = "very_urgent" // Thượng khẩn
	Flash      Level = "flash"       // Hỏa tốc
)

var rank = map[Level]int{Normal: 0, Urgent: 1, VeryUrgent: 2, Flash: 3}

// Parse reads an event's urgency; an empty or unknown value (a newer
// producer's) is Normal, so that it never stops a task or a notification.
func Parse(s string) Level {
	if l := Level(s); l.Valid() {
		return l
	}
	return Normal
}

// Valid reports whether l is a known level; input from people is checked
// with it, where Parse's leniency would hide a typo.
func (l Level) Valid() bool { _, ok := rank[l]; return ok }

// Rank is the edXML priority: higher is more urgent, listed and sent first.
func (l Level) Rank() int { return rank[l] }
