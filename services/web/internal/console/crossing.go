package console

import (
	"net/url"
	"strconv"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
)

// Documents that cross the boundary (issue 17): how a document came
// (channel), who sent it, and the states of the edXML packages that carry
// it, in Vietnamese.

// channels are the ways a document reaches an agency, for the incoming
// box's filter.
var channels = []string{"internal", "exchange", "paper"}

// Sender names who sent an incoming document: the organisation outside
// the deployment, else the issuing agency of ours.
func (v view) Sender(d documentsapi.Document) string {
	if d.Sender != nil {
		if d.Sender.Name != "" {
			return d.Sender.Name
		}
		return d.Sender.OrganisationCode
	}
	if n := v.UnitName(d.IssuerUnitID); n != "" {
		return n
	}
	return v.Unit(d.IssuerUnitID)
}

// maxOrgOffers bounds the organisations a form offers at once: the
// national directory holds tens of thousands; a search narrows it.
const maxOrgOffers = 200

// findOrgs reads at most max organisations of the exchange directory whose
// code or name holds q ("" for the first ones, by code); more is true when
// there are others.
func findOrgs(rq *request, q string, max int, cursor string) (orgs []exchangeapi.Organisation, next string, err error) {
	v := url.Values{"limit": {strconv.Itoa(max)}}
	if q != "" {
		v.Set("q", q)
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	page, err := rq.api.Exchange.Organisations(rq.ctx(), v)
	return page.Items, page.NextCursor, err
}
