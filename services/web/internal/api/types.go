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
type Person = client.Person

// Signer is the leader who approved a document.
type Signer = client.Signer

// Direction is a recipient leader's instruction.
type Direction = client.Direction

// Receipt is a recipient agency's copy of a document.
type Receipt = client.Receipt

// Attachment is an attachment's metadata.
type Attachment = client.Attachment

// Item is a plan item.
type Item = client.Item

// Document is a document as the documents service shows it.
type Document = client.Document

// HistoryEntry is one recorded transition of a document or task.
type HistoryEntry = client.HistoryEntry

// NewDocument is the body of POST /v1/documents.
type NewDocument = client.NewDocument

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
