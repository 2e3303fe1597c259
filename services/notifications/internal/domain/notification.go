// Package domain holds what a notification is and who may receive one:
// the in-app notification, the people and units of the recipient directory,
// and the urgency of the work a notification tells about.
package domain

import (
	"time"
)

// Notification types, named after the event that causes them so that a later
// webhook or e-mail of the same event is easy to relate.
const (
	TypeDocumentArrived  = "document.issued"
	TypeTaskAssigned     = "task.assigned"
	TypeReportSubmitted  = "task.report_submitted"
	TypeReportReviewed   = "task.report_reviewed"
	TypeExtensionDecided = "task.extension_decided"
	TypeTaskDueSoon      = "task.due_soon"
	TypeTaskOverdue      = "task.overdue"
	TypeTaskCancelled    = "task.cancelled"
	// A periodic report of a task due soon, due today or overdue.
	TypeTaskReportDue = "task.report_due"
	// An overdue task escalated to its assigning leader and the assignee
	// unit's head; a leader's Monday digest of their units' tasks.
	TypeTaskEscalated    = "task.escalated"
	TypeTaskWeeklyDigest = "task.weekly_digest"
	// An authorisation (ủy quyền) granted or revoked: both its people.
	TypeAuthorisationGranted = "authorisation.granted"
	TypeAuthorisationRevoked = "authorisation.revoked"
	// A step of an incoming document's routing: whoever must act next,
	// and those it is sent to for information.
	TypeDocumentRouted = "document.routed"
)

// Notification is one in-app message to one person. A person gets each
// notification once: (UserID, EventID, Type) is unique.
type Notification struct {
	ID        string
	UserID    string
	EventID   string // ce_id of the event that caused it
	Type      string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Unread reports whether the owner has not marked it read.
func (n Notification) Unread() bool { return n.ReadAt == nil }
