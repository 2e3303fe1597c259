// Package api is what the web console reads from the four services' public
// APIs (API.md), with the fields its pages show.
package api

import (
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Unit is a unit of identity.
type Unit = client.Unit

// Person is a named person on a document.
type Person struct {
	UserID   string `json:"user_id"`
	FullName string `json:"full_name"`
}

// Signer is the leader who approved a document.
type Signer = client.Signer

// Direction is a recipient leader's instruction.
type Direction struct {
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	Note               string   `json:"note,omitempty"`
}

// Receipt is a recipient agency's copy of a document.
type Receipt struct {
	AgencyID       string     `json:"agency_id"`
	Status         string     `json:"status"`
	IncomingNumber int64      `json:"incoming_number,omitempty"`
	RegisteredAt   *time.Time `json:"registered_at,omitempty"`
	Direction      *Direction `json:"direction,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// Attachment is an attachment's metadata.
type Attachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type,omitempty"`
	Size        int64  `json:"size"`
}

// Item is a plan item.
type Item = client.Item

// Document is a document as the documents service shows it.
type Document struct {
	ID              string   `json:"id"`
	Kind            string   `json:"kind"`
	KindName        string   `json:"kind_name"`
	Status          string   `json:"status"`
	IssuerUnitID    string   `json:"issuer_unit_id"`
	DraftingUnitID  string   `json:"drafting_unit_id"`
	Drafter         Person   `json:"drafter"`
	Summary         string   `json:"summary"`
	Body            *string  `json:"body,omitempty"`
	Urgency         string   `json:"urgency"`
	Confidentiality string   `json:"confidentiality"`
	Recipients      []string `json:"recipients"`
	DueDate         string   `json:"due_date,omitempty"`
	// ImplementsDocumentID is the directive a plan implements.
	ImplementsDocumentID string       `json:"implements_document_id,omitempty"`
	Signer               *Signer      `json:"signer,omitempty"`
	Number               int64        `json:"number,omitempty"`
	Notation             string       `json:"notation,omitempty"`
	IssuedAt             *time.Time   `json:"issued_at,omitempty"`
	RevokeReason         string       `json:"revoke_reason,omitempty"`
	Items                []Item       `json:"items,omitempty"`
	Attachments          []Attachment `json:"attachments,omitempty"`
	CreatedAt            time.Time    `json:"created_at"`
	Receipts             []Receipt    `json:"receipts,omitempty"`
	Receipt              *Receipt     `json:"receipt,omitempty"`
	ReceiptStatus        string       `json:"receipt_status,omitempty"`
}

// HistoryEntry is one recorded transition of a document or task.
type HistoryEntry = client.HistoryEntry

// NewDocument is the body of POST /v1/documents.
type NewDocument struct {
	Kind            string   `json:"kind"`
	Summary         string   `json:"summary"`
	Body            string   `json:"body"`
	Urgency         string   `json:"urgency,omitempty"`
	Confidentiality string   `json:"confidentiality,omitempty"`
	Recipients      []string `json:"recipients"`
	DueDate         string   `json:"due_date,omitempty"`
}

// Review is a reviewer's decision on a report.
type Review struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment,omitempty"`
}

// Report is a progress report on a task.
type Report = client.Report

// Task is an assignment, with its reports, history and extension
// requests when read alone.
type Task = client.Task

// Notification is one of the caller's notifications.
type Notification struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

// Page is one page of a list.
type Page[T any] = client.Page[T]
