package domain

import "testing"

// A page may be cut short in SQL only when the application drops no row
// the store reads.
func TestBookQueryPageRows(t *testing.T) {
	tests := []struct {
		name string
		q    BookQuery
		want int
	}{
		{"the whole register", BookQuery{}, 0},
		{"a page", BookQuery{Limit: 100}, 101},
		{"a page filtered by kind and channel in SQL", BookQuery{Limit: 10, Kind: KindPlan, Channel: "paper"}, 11},
		{"a page filtered by sender", BookQuery{Limit: 100, Sender: "công an"}, 0},
		{"a page filtered by recipient", BookQuery{Limit: 100, Recipient: "nội vụ"}, 0},
		{"a page of the confidential register", BookQuery{Limit: 100, Confidential: true}, 0},
	}
	for _, tt := range tests {
		if got := tt.q.PageRows(); got != tt.want {
			t.Errorf("%s: %d rows, want %d", tt.name, got, tt.want)
		}
	}
}
