package worker

import "sync"

// Signal wakes every worker waiting on it. Notify never blocks, and any
// number of notifications before a worker looks again count as one.
//
// A worker takes C before looking for work and waits on it after, so that a
// commit that lands while it looks is not missed.
type Signal struct {
	mu sync.Mutex
	ch chan struct{}
}

// NewSignal returns a signal nobody has notified yet.
func NewSignal() *Signal { return &Signal{} }

// C is closed by the next Notify.
func (s *Signal) C() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

// Notify wakes the workers waiting on C; it fits tx.OnCommit.
func (s *Signal) Notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}
