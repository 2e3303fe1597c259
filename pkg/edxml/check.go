package edxml

import (
	"strings"
)

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// checkPackage is what Build refuses; Read refuses the same gaps.
func checkPackage(p Package) error {
	switch {
	case blank(p.From.ID):
		return refuse("missing From OrganId")
	case len(p.To) == 0:
		return refuse("missing To")
	case blank(p.DocumentID):
		return refuse("missing DocumentId")
	case blank(p.Code.Number) || blank(p.Code.Notation):
		return refuse("missing Code")
	case blank(p.Subject):
		return refuse("missing Subject")
	case blank(p.PromulgationDate):
		return refuse("missing PromulgationDate")
	}
	for i, to := range p.To {
		if blank(to.ID) {
			return refuse("To %d: missing OrganId", i+1)
		}
	}
	if _, ok := wireDateOf(p.PromulgationDate); !ok {
		return refuse("bad PromulgationDate %q (want YYYY-MM-DD)", p.PromulgationDate)
	}
	if _, ok := wireDateOf(p.DueDate); p.DueDate != "" && !ok {
		return refuse("bad DueDate %q (want YYYY-MM-DD)", p.DueDate)
	}
	if _, ok := kindCodes[p.BusinessKind]; p.BusinessKind != "" && !ok {
		return refuse("unknown BusinessKind %q", p.BusinessKind)
	}
	for i, r := range p.ResponseFor {
		if err := checkReference(r); err != nil {
			return refuse("ResponseFor %d: %s", i+1, err.Reason)
		}
	}
	for i, t := range p.Traces {
		if blank(t.OrganID) || t.Timestamp.IsZero() {
			return refuse("trace %d: missing OrganId or Timestamp", i+1)
		}
	}
	for i, a := range p.Attachments {
		switch {
		case blank(a.Name):
			return refuse("attachment %d: missing name", i+1)
		case len(a.Data) == 0:
			return refuse("attachment %d: empty", i+1)
		}
	}
	return nil
}

func checkReference(r Reference) *Error {
	switch {
	case blank(r.OrganID):
		return refuse("missing OrganId")
	case blank(r.DocumentID):
		return refuse("missing DocumentId")
	}
	if _, ok := wireDateOf(r.PromulgationDate); r.PromulgationDate != "" && !ok {
		return refuse("bad PromulgationDate %q (want YYYY-MM-DD)", r.PromulgationDate)
	}
	return nil
}

func checkStatus(s Status) error {
	switch {
	case blank(s.From.ID):
		return refuse("missing From OrganId")
	case StatusName(s.Code) == "":
		return refuse("unknown StatusCode %q", s.Code)
	case s.Timestamp.IsZero():
		return refuse("missing Timestamp")
	}
	if err := checkReference(s.ResponseFor); err != nil {
		return refuse("ResponseFor: %s", err.Reason)
	}
	return nil
}
