package session

import (
	"net/http"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// Store holds sessions in memory: a restart of the console signs everyone
// out, which is acceptable for a component that keeps no business data.
type Store struct {
	HTTP *http.Client // for token refreshes
	Idle time.Duration
	Now  func() time.Time

	mu sync.Mutex
	m  map[string]*Session
}

// NewStore keeps sessions idle for at most idle.
func NewStore(hc *http.Client, idle time.Duration) *Store {
	return &Store{HTTP: hc, Idle: idle, Now: time.Now, m: map[string]*Session{}}
}

// New starts a session for a token and the user it belongs to.
func (st *Store) New(tok identityapi.Token, u User) *Session {
	s := &Session{ID: RandomToken(), CSRF: RandomToken(), User: u, tokens: identityapi.NewSession(st.HTTP, tok)}
	s.tokens.Now = st.Now
	now := st.Now()
	s.lastSeen = now
	st.mu.Lock()
	defer st.mu.Unlock()
	for id, old := range st.m { // sweep here: logins are rare, sessions few
		if st.expired(old, now) {
			delete(st.m, id)
		}
	}
	st.m[s.ID] = s
	return s
}

// Get finds a live session and marks it seen.
func (st *Store) Get(id string) (*Session, bool) {
	now := st.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.m[id]
	if !ok {
		return nil, false
	}
	if st.expired(s, now) {
		delete(st.m, id)
		return nil, false
	}
	s.mu.Lock()
	s.lastSeen = now
	s.mu.Unlock()
	return s, true
}

// Delete ends a session (logout, or its refresh token died).
func (st *Store) Delete(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.m, id)
}

// Len is the number of sessions held.
func (st *Store) Len() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.m)
}

func (st *Store) expired(s *Session, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return now.Sub(s.lastSeen) > st.Idle
}
