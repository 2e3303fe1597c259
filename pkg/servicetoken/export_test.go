package servicetoken

import "time"

// SetClock makes s read the time from now.
func (s *Source) SetClock(now func() time.Time) { s.now = now }
