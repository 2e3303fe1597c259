package domain

import "time"

// Receipt is a recipient agency's copy of an issued document (văn bản đến).
type Receipt struct {
	DocumentID     string
	AgencyID       string
	Status         ReceiptStatus
	IncomingNumber int64 // số đến; 0 until registered
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// NewReceipts are the receipts issuing d creates: one per receiving agency.
func NewReceipts(d Document, now time.Time) []Receipt {
	var out []Receipt
	for _, agency := range d.ReceivingAgencies() {
		out = append(out, Receipt{DocumentID: d.ID, AgencyID: agency, Status: ReceiptReceived, CreatedAt: now, UpdatedAt: now})
	}
	return out
}
