package console

import (
	"github.com/eoffice-vn/eoffice/pkg/apis"
)

// Documents that cross the boundary (issue 17): how a document came
// (channel), who sent it, and the states of the edXML packages that carry
// it, in Vietnamese.

// channels are the ways a document reaches an agency, for the incoming
// box's filter.
var channels = []string{"internal", "exchange", "paper"}

// Sender names who sent an incoming document: the organisation outside
// the deployment, else the issuing agency of ours.
func (v view) Sender(d apis.Document) string {
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
