package console

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

type notificationsPage struct {
	Unread bool
	Notes  []notificationsapi.Notification
	Next   template.URL
}

func (s *Server) notifications(rq *request) {
	in := rq.r.URL.Query()
	req := notificationsapi.ListNotificationsRequest{Limit: 50, Cursor: in.Get("cursor")}
	unread := in.Get("unread") == "true"
	if unread {
		req.Unread = &unread
	}
	page, err := rq.api.Notifications.Page(rq.ctx(), req)
	if err != nil {
		s.failed(rq, err)
		return
	}
	p := notificationsPage{Unread: unread, Notes: page.Items}
	if page.NextCursor != "" {
		next := url.Values{"cursor": {page.NextCursor}}
		if unread {
			next.Set("unread", "true")
		}
		p.Next = template.URL("/notifications?" + next.Encode())
	}
	s.render(rq, http.StatusOK, "notifications", "Thông báo", p)
}

// markRead marks a notification read, then opens what it points to when
// the user clicked "Xem", else returns to the list.
func (s *Server) markRead(rq *request) {
	err := rq.api.Notifications.MarkRead(rq.ctx(), rq.r.PathValue("id"))
	back := "/notifications"
	if open := rq.r.PostFormValue("open"); open != "" && err == nil {
		http.Redirect(rq.w, rq.r, localPath(open), http.StatusSeeOther)
		return
	}
	s.done(rq, err, "Đã đánh dấu là đã đọc.", back)
}
