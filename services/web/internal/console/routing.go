package console

import (
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// routingView is the document page's routing (chuyển xử lý): its timeline
// and the forms of the steps the viewer may take now (the service's
// routing_actions; it decides again when they are sent).
type routingView struct {
	Steps   []routingLine
	Actions map[string]bool
	// Leaders of the viewer's agency (and its Chánh Văn phòng, position
	// office_head, whatever their role) a document is forwarded or
	// proposed to.
	Leaders []identityapi.User
	// Units and people the holder of a unit assigns inside it.
	AssignUnits  []treeNode
	AssignPeople []identityapi.User
	// DirectPeople are the active people of each unit a direction may
	// name (by unit id): a lead, cooperating or informed person.
	DirectPeople map[string][]identityapi.User
}

// routingLine is one step as the timeline shows it.
type routingLine struct {
	At         time.Time
	Kind, What string
	From, To   string
	Note       string
}

// Any is true when the viewer may take some routing step.
func (v routingView) Any() bool { return len(v.Actions) > 0 }

var stepNames = map[string]string{
	"forward": "Chuyển", "propose": "Đề xuất", "direct": "Bút phê và phân công", "assign": "Giao xử lý",
	"return": "Trả lại", "read": "Đã xem",
}

func (s *Server) routingView(rq *request, d documentsapi.Document) routingView {
	units := s.units(rq)
	unitName := func(id string) string {
		if u, ok := units[id]; ok {
			return u.Name
		}
		return id
	}
	v := routingView{Actions: map[string]bool{}}
	for _, st := range d.Routing {
		l := routingLine{At: st.At, Kind: st.Kind, What: stepNames[st.Kind], From: st.FromName, Note: st.Note}
		switch {
		case st.ToName != "":
			l.To = st.ToName
		case st.ToUnitID != "":
			l.To = unitName(st.ToUnitID)
		}
		if st.Kind == "direct" {
			l.To = directionTo(l.To, st, unitName, func(id string) string { return s.personName(rq, id) })
		}
		v.Steps = append(v.Steps, l)
	}
	for _, a := range d.RoutingActions {
		v.Actions[a] = true
	}
	me := rq.sess.User
	if v.Actions["forward"] || v.Actions["propose"] {
		agency := units[me.UnitID].AgencyID
		for _, n := range tree(units, agency, nil) {
			if n.AgencyID != agency {
				continue // a Sở under the province: its own people route its own documents
			}
			for _, p := range s.activePeople(rq, n.ID) {
				if p.ID != me.ID && (slices.Contains(p.Roles, "leader") || p.Position.String() == "office_head") {
					v.Leaders = append(v.Leaders, p)
				}
			}
		}
	}
	if v.Actions["direct"] {
		agency := units[me.UnitID].AgencyID
		if d.Receipt != nil {
			agency = d.Receipt.AgencyID
		}
		v.DirectPeople = map[string][]identityapi.User{}
		for _, n := range tree(units, agency, nil) {
			v.DirectPeople[n.ID] = s.activePeople(rq, n.ID)
		}
	}
	if v.Actions["assign"] {
		for _, n := range tree(units, me.UnitID, nil) {
			if n.Depth == 1 {
				v.AssignUnits = append(v.AssignUnits, n)
			}
		}
		for _, p := range s.activePeople(rq, me.UnitID) {
			if p.ID != me.ID {
				v.AssignPeople = append(v.AssignPeople, p)
			}
		}
	}
	return v
}

// directionTo names a direction's lead, cooperating and informed units or
// people.
func directionTo(lead string, st documentsapi.RoutingStep, unitName, personName func(string) string) string {
	out := "chủ trì: " + lead
	names := func(as []documentsapi.Addressee) string {
		var s string
		for i, a := range as {
			if i > 0 {
				s += ", "
			}
			if a.UnitID != "" {
				s += unitName(a.UnitID)
			} else {
				s += personName(a.UserID)
			}
		}
		return s
	}
	if len(st.Cooperating) > 0 {
		out += "; phối hợp: " + names(st.Cooperating)
	}
	if len(st.Informed) > 0 {
		out += "; để biết: " + names(st.Informed)
	}
	if st.DueDate != "" {
		out += "; hạn xử lý: " + date(st.DueDate)
	}
	return out
}

// personName is a person's full name as identity knows it, their id when
// it cannot say.
func (s *Server) personName(rq *request, id string) string {
	if u, err := rq.api.Identity.User(rq.ctx(), id); err == nil && u.FullName != "" {
		return u.FullName
	}
	return id
}
