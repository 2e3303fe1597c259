package app

import "context"

func (s *service) UnreadCount(ctx context.Context) (int, error) {
	p, err := caller(ctx)
	if err != nil {
		return 0, err
	}
	return s.store.UnreadCount(ctx, p.Subject)
}
