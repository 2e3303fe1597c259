package e2e

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// TestDirectiveOnEveryChannel (issue 6, "done when"): a directive with a
// due date issued to a unit reaches its leader in the in-app inbox, as one
// Vietnamese e-mail (the one-machine stack has no SMTP server, so as one
// .eml file under <data>/mail), and as one signed webhook delivery to a
// registered integration.
func TestDirectiveOnEveryChannel(t *testing.T) {
	s := startStack(t, "EOFFICE_WEBHOOK_ALLOW_PRIVATE=true")
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users

	const secret = "integration-secret-2026"
	var (
		mu  sync.Mutex
		got []map[string]any
		bad int
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, v1, _ := strings.Cut(strings.TrimPrefix(r.Header.Get("X-Eoffice-Signature"), "t="), ",v1=")
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(ts + "." + string(body)))
		mu.Lock()
		defer mu.Unlock()
		if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(v1)) {
			bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var ce map[string]any
		_ = json.Unmarshal(body, &ce)
		got = append(got, ce)
	}))
	defer hook.Close()
	must(t, http.StatusCreated, "POST", s.notifications+"/v1/webhooks", admin, notificationsapi.WebhookRequest{
		URL: hook.URL + "/eoffice", EventTypes: []string{"task.assigned"}, Secret: secret,
	}, nil)

	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	var doc documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{
		Kind: "directive", Summary: "Về việc nâng cao Chỉ số PAPI", Body: "…", Urgency: "flash",
		Recipients: []string{o.units["STTTT"].ID}, DueDate: due,
	}, &doc)
	docURL := s.documents + "/v1/documents/" + doc.ID
	must(t, http.StatusOK, "POST", docURL+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/approve", tok["ubnd.lanhdao"], map[string]any{}, nil)
	must(t, http.StatusOK, "POST", docURL+"/issue", tok["ubnd.vanthu"], nil, &doc)

	var inbox client.Page[notificationsapi.Notification]
	eventually(t, 20*time.Second, "the leader notified in-app", func() bool {
		must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", tok["stttt.lanhdao"], nil, &inbox)
		return len(inbox.Items) > 0
	})
	if len(inbox.Items) != 1 || !strings.HasPrefix(inbox.Items[0].Title, "[Hỏa tốc] Nhiệm vụ mới: ") {
		t.Fatalf("in-app: %+v", inbox.Items)
	}
	n := inbox.Items[0]

	// The e-mail: one file, to the leader, with the same Vietnamese title.
	emlPath := filepath.Join(s.dataDir, "mail", n.ID+".eml")
	eventually(t, 20*time.Second, "the e-mail written", func() bool { _, err := os.Stat(emlPath); return err == nil })
	f, err := os.Open(emlPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	to, _ := msg.Header.AddressList("To")
	if subject != n.Title || len(to) != 1 || to[0].Address != "stttt.lanhdao@khanhhoa.gov.vn" || msg.Header.Get("Message-ID") == "" {
		t.Fatalf("e-mail: subject %q, to %v, id %q", subject, to, msg.Header.Get("Message-ID"))
	}
	files, _ := filepath.Glob(filepath.Join(s.dataDir, "mail", "*.eml"))
	mine := 0
	for _, p := range files {
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "stttt.lanhdao@khanhhoa.gov.vn") {
			mine++
		}
	}
	if mine != 1 {
		t.Fatalf("%d e-mails to the leader, want 1", mine)
	}

	// The webhook: one signed delivery of task.assigned.
	eventually(t, 20*time.Second, "the webhook delivery", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) > 0 })
	time.Sleep(time.Second) // room for a duplicate to show
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || bad != 0 || got[0]["type"] != "vn.eoffice.task.assigned" || got[0]["specversion"] != "1.0" {
		t.Fatalf("webhook deliveries %v, bad signatures %d", got, bad)
	}
}
