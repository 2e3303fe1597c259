package events

import "testing"

func TestRegistry(t *testing.T) {
	tests := []struct {
		ceType    string
		wantShort string
		wantOK    bool
		wantTopic string
	}{
		{"vn.eoffice.task.assigned", "task.assigned", true, TopicTasks},
		{"vn.eoffice.document.issued", "document.issued", true, TopicDocuments},
		{"vn.eoffice.user.created", "user.created", true, TopicIdentity},
		{"vn.eoffice.no.such", "", false, ""},
		{"com.other.task.assigned", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.ceType, func(t *testing.T) {
			short, ok := Short(tt.ceType)
			if ok != tt.wantOK || (ok && short != tt.wantShort) {
				t.Fatalf("Short(%q) = %q, %v; want %q, %v", tt.ceType, short, ok, tt.wantShort, tt.wantOK)
			}
			if !ok {
				return
			}
			topic, _ := TopicOf(short)
			if topic != tt.wantTopic {
				t.Errorf("TopicOf(%q) = %q, want %q", short, topic, tt.wantTopic)
			}
			if NewPayload(short) == nil {
				t.Errorf("NewPayload(%q) = nil", short)
			}
			if Type(short) != tt.ceType {
				t.Errorf("Type(%q) = %q", short, Type(short))
			}
		})
	}
}

func TestTopicsHaveDLQ(t *testing.T) {
	got := map[string]bool{}
	for _, tp := range Topics() {
		got[tp] = true
	}
	for _, tp := range []string{TopicIdentity, TopicDocuments, TopicTasks, TopicNotifications, TopicExchange} {
		if !got[tp] || !got[tp+DLQSuffix] {
			t.Errorf("topic %s or its DLQ missing from %v", tp, Topics())
		}
	}
}

// TestEveryAPIEventIsRegistered holds the registry to API.md's list
// (document.pdf_ready follows document.issued with the signed PDF;
// task.escalated and task.weekly_digest come with the reminder rules of
// issue 19).
func TestEveryAPIEventIsRegistered(t *testing.T) {
	api := []string{"unit.created", "unit.updated", "user.created", "user.updated", "user.deactivated",
		"client.created", "client.updated", "client.deactivated",
		"document.submitted", "document.approved", "document.rejected", "document.issued", "document.pdf_ready", "plan.item_issued",
		"document.registered", "document.directed", "document.revoked",
		"authorisation.granted", "authorisation.revoked",
		"document.received", "document.refused", "document.handling", "document.completed", "document.routed",
		"task.assigned", "task.accepted", "task.delegated", "task.report_submitted", "task.report_reviewed",
		"task.completed", "task.extension_requested", "task.extension_decided", "task.due_soon", "task.overdue",
		"task.escalated", "task.weekly_digest", "task.cancelled", "task.report_requested", "task.report_due", "email.sent", "email.failed", "webhook.failed",
		"exchange.document_received", "exchange.package_refused", "exchange.package_sent", "exchange.status_received"}
	for _, short := range api {
		if !Known(short) || NewPayload(short) == nil {
			t.Errorf("%s is not registered", short)
		}
	}
	if len(All()) != len(api) {
		t.Errorf("registry has %d types, API.md lists %d", len(All()), len(api))
	}
}

// TestCheckOrigin: only the owning service may publish a type, and only on
// its own topic.
func TestCheckOrigin(t *testing.T) {
	tests := []struct {
		topic, short, source string
		ok                   bool
	}{
		{TopicIdentity, UserUpdated, "/eoffice/identity", true},
		{TopicTasks, TaskAssigned, "/eoffice/tasks", true},
		{TopicNotifications, WebhookFailed, "/eoffice/notifications", true},
		{TopicIdentity, UserUpdated, "/eoffice/tasks", false},
		{TopicIdentity, UserUpdated, "", false},
		{TopicIdentity, TaskAssigned, "/eoffice/identity", false},
		{TopicIdentity, TaskAssigned, "/eoffice/tasks", false},
		{"other.topic", UserUpdated, "/eoffice/identity", false},
		{TopicIdentity, "no.such", "/eoffice/identity", false},
	}
	for _, tt := range tests {
		if err := CheckOrigin(tt.topic, tt.short, tt.source); (err == nil) != tt.ok {
			t.Errorf("CheckOrigin(%s, %s, %q) = %v, want ok %v", tt.topic, tt.short, tt.source, err, tt.ok)
		}
	}
	for _, topic := range []string{TopicIdentity, TopicDocuments, TopicTasks, TopicNotifications, TopicExchange} {
		if _, ok := SourceOf(topic); !ok {
			t.Errorf("topic %s has no owner", topic)
		}
	}
}
