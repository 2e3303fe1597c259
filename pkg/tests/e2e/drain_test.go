package e2e

import (
	"net/http"
	"testing"
	"time"
)

// TestReadinessDrain stops a stack whose services (and console) wait before they stop
// accepting (EOFFICE_SHUTDOWN_DELAY): during the wait every service's
// /readyz fails, so a load balancer takes it out, while a request still
// sent there is served.
func TestReadinessDrain(t *testing.T) {
	s := startStack(t, "EOFFICE_SHUTDOWN_DELAY=20s")
	token := login(t, s.identity, "admin", s.adminPassword)
	console := webLoginAs(t, s.web, "admin", s.adminPassword)
	stopped := make(chan struct{})
	go func() { s.stop(); close(stopped) }()

	services := map[string]string{"identity": s.identity, "documents": s.documents, "tasks": s.tasks,
		"notifications": s.notifications, "exchange": s.exchange, "hub": s.hub, "web": s.web}
	for name, base := range services {
		eventually(t, 15*time.Second, name+" /readyz failing", func() bool {
			resp, err := http.Get(base + "/readyz")
			if err != nil {
				t.Fatalf("%s stopped accepting before its delay: %v", name, err)
			}
			resp.Body.Close()
			return resp.StatusCode == http.StatusServiceUnavailable
		})
	}
	// Still served, on new connections too.
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox", token, nil, nil)
	must(t, http.StatusOK, "GET", s.identity+"/v1/units", token, nil, nil)
	if status, _ := console.get("/tasks"); status != http.StatusOK {
		t.Errorf("console page during the delay: %d", status)
	}
	for name, base := range services {
		resp, err := http.Get(base + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("%s /healthz during the delay: %v %v", name, resp, err)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	<-stopped
}
