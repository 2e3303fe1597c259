package domain

import "time"

// Email statuses in the e-mail outbox.
const (
	EmailPending = "pending"
	EmailSent    = "sent"
	EmailFailed  = "failed"
)

// Email is one message owed to one person's mailbox; its ID is the
// notification's, and MessageID is derived from it, so a repeat after a
// crash carries the same Message-ID and the receiving side can drop it.
type Email struct {
	ID             string
	MessageID      string
	UserID         string
	ToName         string
	ToAddr         string
	Subject        string
	Text           string
	HTML           string
	Priority       int
	CauseEventID   string
	CauseEventType string
	Status         string
	Attempts       int
	NextAttemptAt  time.Time
	LastError      string
	CreatedAt      time.Time
	SentAt         *time.Time
}

// MessageIDFor is the stable Message-ID of the e-mail of notification id.
func MessageIDFor(id string) string { return "<" + id + "@notifications.eoffice>" }
