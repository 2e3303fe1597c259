package domain

import "time"

// Attachment is a file attached to a document (phụ lục, tài liệu kèm theo).
// What files are accepted is pkg/filecheck's to say, for every upload path.
type Attachment struct {
	ID          string
	DocumentID  string
	Filename    string
	ContentType string
	Size        int64
	SHA256      string // hex
	UploadedBy  string
	CreatedAt   time.Time
	// System is "" for an upload, SystemIssuedPDF for the official PDF.
	System string
	// Seal is "" until issue, then SealSigned or SealNotPDF.
	Seal string
}
