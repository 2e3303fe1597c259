package cli

import (
	"context"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// documentID lets people name an issued document by its notation
// ("07/CT-UBND") where an id is expected; an id passes through. The
// notation is looked up in the caller's outgoing box, then incoming box
// (the newest match: numbers restart every year).
func (a *App) documentID(ctx context.Context, c *apis.Clients, ref string) (string, error) {
	if !strings.Contains(ref, "/") {
		return ref, nil
	}
	for _, box := range []string{"outgoing", "incoming"} {
		docs, err := client.All[documentsapi.Document](ctx, c.Client, client.Documents, "/v1/documents?box="+box, 5000)
		if err != nil {
			return "", err
		}
		for _, d := range docs {
			if strings.EqualFold(d.Notation, ref) {
				return d.ID, nil
			}
		}
	}
	return "", a.errf("no document numbered %s in your outgoing or incoming box", ref)
}
