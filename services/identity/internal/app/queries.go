package app

// Page, List and UserFilter are how the use cases ask the Repository for
// lists.

// Page asks for one page of a newest-first list.
type Page struct {
	Limit int
	// After is the cursor of the previous page's last item; nil for the
	// first page.
	After []string
}

// List is one page; Next is the cursor of the following page, nil on the
// last.
type List[T any] struct {
	Items []T
	Next  []string
}

// UserFilter narrows a user list; the zero value lists everyone.
type UserFilter struct {
	UnitID string
	// AgencyID keeps the users of one agency: an integration client limited
	// to that agency sees no one else.
	AgencyID string
}
