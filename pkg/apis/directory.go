package apis

import (
	"context"
	"net/url"
)

// Directory reads the whole exchange directory, page by page (the
// national one is some tens of thousands of organisations).
func (c *Clients) Directory(ctx context.Context) ([]Organisation, error) {
	var out []Organisation
	cursor := ""
	for {
		q := url.Values{"limit": {"500"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		page, err := c.Exchange.Organisations(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			return out, nil
		}
		cursor = page.NextCursor
	}
}
