package domain

import "errors"

// ErrNotFound is the repository's answer for a row that does not exist;
// the use cases turn it into the 404 their caller should see.
var ErrNotFound = errors.New("not found")

// Boxes of GET /v1/documents.
const (
	BoxOutgoing = "outgoing"
	BoxIncoming = "incoming"
)

// MinSearch is the shortest search (in folded characters) the search
// indexes serve: they are of trigrams. Shorter ones are refused.
const MinSearch = 3
