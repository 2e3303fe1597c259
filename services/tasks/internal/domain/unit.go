package domain

import "github.com/eoffice-vn/eoffice/pkg/identityview"

// Unit is identity's unit as the shared read model keeps it, enough to
// place a unit in the tree and in its agency.
type Unit = identityview.Unit
