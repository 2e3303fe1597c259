package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// demoOut is what `eoffice demo --json` prints.
type demoOut struct {
	YearsMoved int `json:"years_moved"`
	Directive  struct {
		ID, Notation, Status string
	} `json:"directive"`
	Plan struct {
		ID, Notation, Status string
	} `json:"plan"`
	Report struct {
		ID, Notation, Status string
	} `json:"report"`
	PlanTasks int `json:"plan_tasks"`
	Accepted  int `json:"accepted"`
	Reports   int `json:"reports"`
	Reviewed  int `json:"reviewed"`
	Seeded    struct {
		Units, Users struct{ Created, Updated, Unchanged int }
	} `json:"seeded"`
	Progress               tasksapi.PlanProgress `json:"progress"`
	InIssuerBox            bool                  `json:"report_in_issuer_box"`
	DirectiveTaskCompleted bool                  `json:"directive_task_completed"`
	WeeklyDigests          int                   `json:"weekly_digests"`
}

// scenarioFile is the part of the demo data the test computes the
// expected outcome from, independently of the demo's code.
type scenarioFile struct {
	Directive struct {
		DueDate    string   `json:"due_date"`
		Recipients []string `json:"recipients"`
	} `json:"directive"`
	Plan struct {
		Items []struct {
			Cooperating []string `json:"cooperating"`
			DueDate     string   `json:"due_date"`
		} `json:"items"`
	} `json:"plan"`
	Reports []struct {
		Item  int  `json:"item"`
		Final bool `json:"final"`
	} `json:"reports"`
}

func demoScenario(t *testing.T) (string, scenarioFile) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "demo", "papi-khanhhoa-2022.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sc scenarioFile
	if err := json.Unmarshal(raw, &sc); err != nil {
		t.Fatal(err)
	}
	return path, sc
}

// expectedTotals classes the plan's tasks as the story leaves them: the
// lead task of an item with an accepted final report is completed (now,
// so late when its moved due date has passed), every other task is open.
func expectedTotals(sc scenarioFile, now time.Time) (map[string]int, int) {
	vn, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	today := now.In(vn).Format(time.DateOnly)
	due, _ := time.Parse(time.DateOnly, sc.Directive.DueDate)
	years := now.In(vn).Year() - due.Year()
	final := map[int]bool{}
	for _, r := range sc.Reports {
		if r.Final {
			final[r.Item] = true
		}
	}
	totals := map[string]int{"completed_on_time": 0, "completed_late": 0, "open_within_deadline": 0, "open_overdue": 0}
	n := 0
	for i, it := range sc.Plan.Items {
		d, _ := time.Parse(time.DateOnly, it.DueDate)
		moved := d.AddDate(years, 0, 0).Format(time.DateOnly)
		late := today > moved
		for k := 0; k < 1+len(it.Cooperating); k++ {
			n++
			switch {
			case k == 0 && final[i] && late:
				totals["completed_late"]++
			case k == 0 && final[i]:
				totals["completed_on_time"]++
			case late:
				totals["open_overdue"]++
			default:
				totals["open_within_deadline"]++
			}
		}
	}
	return totals, n
}

// TestDemo plays the PAPI story twice with the eoffice binary against a
// stack of its own, as ./scripts/demo.sh does, and checks the notations,
// the tasks, the reports, the four class totals and that the consolidated
// report reached the UBND's incoming box.
func TestDemo(t *testing.T) {
	s := startStack(t)
	path, sc := demoScenario(t)
	bin := filepath.Join(binaries(t), "eoffice")
	env := append(os.Environ(),
		"EOFFICE_IDENTITY_URL="+s.identity, "EOFFICE_DOCUMENTS_URL="+s.documents,
		"EOFFICE_TASKS_URL="+s.tasks, "EOFFICE_NOTIFICATIONS_URL="+s.notifications,
		"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD="+s.adminPassword,
		"EOFFICE_CREDENTIALS="+filepath.Join(t.TempDir(), "credentials.json"),
	)
	play := func() demoOut {
		t.Helper()
		cmd := exec.Command(bin, "demo", "--json", "--wait", "90s", path)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("eoffice demo: %v\n%s\n%s", err, stderr.String(), stdout.String())
		}
		var out demoOut
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Fatalf("eoffice demo --json: %v\n%s", err, stdout.String())
		}
		return out
	}

	first := play()
	wantTotals, wantTasks := expectedTotals(sc, time.Now())
	checks := []struct {
		name string
		ok   bool
	}{
		{"dates moved into this year", first.YearsMoved == time.Now().Year()-2022},
		{"directive notation NN/CT-UBND", regexp.MustCompile(`^\d{2,}/CT-UBND$`).MatchString(first.Directive.Notation)},
		{"plan notation NN/KH-STTTT", regexp.MustCompile(`^\d{2,}/KH-STTTT$`).MatchString(first.Plan.Notation)},
		{"report notation NN/BC-STTTT", regexp.MustCompile(`^\d{2,}/BC-STTTT$`).MatchString(first.Report.Notation)},
		{"all three issued", first.Directive.Status == "issued" && first.Plan.Status == "issued" && first.Report.Status == "issued"},
		{"one task per item lead and cooperating unit", first.PlanTasks == wantTasks},
		{"every plan and directive task accepted", first.Accepted == wantTasks+len(sc.Directive.Recipients)},
		{"every report sent and reviewed", first.Reports == len(sc.Reports) && first.Reviewed == len(sc.Reports)},
		{"report in the UBND's incoming box", first.InIssuerBox},
		{"the reply closes the directive's task", first.DirectiveTaskCompleted},
		{"first run seeds", first.Seeded.Units.Created == 16 && first.Seeded.Users.Created == 20},
		{"one progress line per item", len(first.Progress.Items) == len(sc.Plan.Items)},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: got %+v", c.name, first)
		}
	}
	demoTotals := byClass(first.Progress.Totals)
	for class, n := range wantTotals {
		if demoTotals[class] != n {
			t.Errorf("class %s: %d tasks, want %d (totals %v)", class, demoTotals[class], n, demoTotals)
		}
	}

	// What the demo says, the services say too, to the people concerned.
	ubnd := login(t, s.identity, "ct.ubnd", "demo-Leader-1")
	// The seed gave the UBND what its documents print and sign by, and its
	// chairman his position.
	var me identityapi.User
	must(t, 200, "GET", s.identity+"/v1/me", ubnd, nil, &me)
	var unit identityapi.UnitDetail
	must(t, 200, "GET", s.identity+"/v1/units/"+me.UnitID.String(), ubnd, nil, &unit)
	if unit.PlaceName != "Khánh Hòa" || unit.Regime != identityapi.RegimeCollective || unit.HeadTitle != "Chủ tịch" ||
		unit.CollectiveName != "Ủy ban nhân dân" || me.Position != identityapi.PositionHead {
		t.Errorf("signing facts: unit %+v, chairman %+v", unit.Unit, me)
	}
	var incoming client.Page[documentsapi.Document]
	must(t, 200, "GET", s.documents+"/v1/documents?"+url.Values{"box": {"incoming"}, "kind": {"report"}}.Encode(), ubnd, nil, &incoming)
	found := false
	for _, d := range incoming.Items {
		if d.ID == first.Report.ID && d.Notation == first.Report.Notation && d.InReplyToDocumentID == first.Directive.ID {
			found = true
		}
	}
	if !found {
		t.Errorf("the UBND's incoming box has no report %s replying to %s: %+v", first.Report.Notation, first.Directive.Notation, incoming.Items)
	}
	dept := login(t, s.identity, "gd.stttt", "demo-Leader-2")
	var progress tasksapi.PlanProgress
	must(t, 200, "GET", s.tasks+"/v1/plans/"+first.Plan.ID+"/progress", dept, nil, &progress)
	served := byClass(progress.Totals)
	for class, n := range wantTotals {
		if served[class] != n {
			t.Errorf("tasks service: class %s has %d, want %d", class, served[class], n)
		}
	}
	// One definition of the plan's totals: the consolidated report counts
	// what the tasks service counts, lead and cooperating, by role beside.
	if sum := progress.ByRole["lead"].Sum() + progress.ByRole["cooperate"].Sum(); sum != progress.Totals.Sum() || sum != wantTasks {
		t.Errorf("by role %+v does not add up to the totals %+v (%d tasks)", progress.ByRole, progress.Totals, wantTasks)
	}
	var report documentsapi.Document
	must(t, 200, "GET", s.documents+"/v1/documents/"+first.Report.ID, dept, nil, &report)
	body := ""
	if report.Body != nil {
		body = *report.Body
	}
	if want := fmt.Sprintf("Tổng hợp (%d việc đã giao, gồm đơn vị chủ trì và đơn vị phối hợp)", wantTasks); !strings.Contains(body, want) {
		t.Errorf("the consolidated report lacks %q:\n%s", want, body)
	}

	// An integrator reading the documents topic from the start sees the
	// three documents issued, with their notations.
	tail := exec.Command(bin, "events", "tail", "--topic", "documents", "--json", "--idle", "3s", "--brokers", s.kafka)
	tail.Env = env
	raw, err := tail.Output()
	if err != nil {
		t.Fatalf("eoffice events tail: %v", err)
	}
	issued := map[string]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace(raw), []byte("\n")) {
		var ev struct {
			Type    string            `json:"type"`
			Key     string            `json:"key"`
			Headers map[string]string `json:"headers"`
			Data    struct {
				Notation string `json:"notation"`
			} `json:"data"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("events tail --json line %q: %v", line, err)
		}
		if ev.Headers["ce_id"] == "" || ev.Headers["ce_subject"] != ev.Key {
			t.Errorf("event without ce_id or with a key other than its subject: %s", line)
		}
		if ev.Type == "vn.eoffice.document.issued" {
			issued[ev.Data.Notation] = true
		}
	}
	for _, n := range []string{first.Directive.Notation, first.Plan.Notation, first.Report.Notation} {
		if !issued[n] {
			t.Errorf("events tail shows no document.issued for %s (saw %v)", n, issued)
		}
	}

	// The leaders' weekly digest: when some plan task is overdue or due
	// this week (as the story's dates fall against today), at least one
	// leader gets it, as an e-mail in Vietnamese.
	// (On a Monday the stack's own scheduler may send it first: then the
	// demo's request finds nothing left to send, but the e-mail is there.)
	if digestExpected(sc, time.Now()) {
		checkDigestMail(t, s.dataDir)
	}

	// Again on the same stack: the same people, new documents, next numbers.
	second := play()
	if second.WeeklyDigests != 0 {
		t.Errorf("second run in the same week sent %d digests again", second.WeeklyDigests)
	}
	if second.Seeded.Units.Created != 0 || second.Seeded.Users.Created != 0 || second.Seeded.Users.Updated != 0 {
		t.Errorf("second run seeded again: %+v", second.Seeded)
	}
	if second.Directive.ID == first.Directive.ID || second.Plan.ID == first.Plan.ID || second.Report.ID == first.Report.ID {
		t.Errorf("second run reused documents: %+v vs %+v", second, first)
	}
	if number(second.Directive.Notation) != number(first.Directive.Notation)+1 {
		t.Errorf("second directive %s does not follow %s", second.Directive.Notation, first.Directive.Notation)
	}
	if second.PlanTasks != wantTasks || second.Reports != len(sc.Reports) || !second.InIssuerBox {
		t.Errorf("second run: %+v", second)
	}
}

// byClass names the totals by their follow-up class, as expectedTotals
// counts them.
func byClass(t tasksapi.Totals) map[string]int {
	return map[string]int{"completed_on_time": t.CompletedOnTime, "completed_late": t.CompletedLate,
		"open_within_deadline": t.OpenWithinDeadline, "open_overdue": t.OpenOverdue}
}

func number(notation string) int {
	m := regexp.MustCompile(`^(\d+)/`).FindStringSubmatch(notation)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// digestExpected: some plan item, its date moved into this year, is due by
// this Sunday, so its cooperating units' tasks (never completed by the
// story) are overdue or due this week.
func digestExpected(sc scenarioFile, now time.Time) bool {
	vn, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	today := now.In(vn)
	sunday := today.AddDate(0, 0, (7-int(today.Weekday()))%7).Format(time.DateOnly)
	due, _ := time.Parse(time.DateOnly, sc.Directive.DueDate)
	years := today.Year() - due.Year()
	for _, it := range sc.Plan.Items {
		d, _ := time.Parse(time.DateOnly, it.DueDate)
		if d.AddDate(years, 0, 0).Format(time.DateOnly) <= sunday && len(it.Cooperating) > 0 {
			return true
		}
	}
	return false
}

// checkDigestMail finds a weekly digest among the written e-mails and
// reads it as a leader would: Vietnamese, dd/mm/yyyy, no codes.
func checkDigestMail(t *testing.T, dataDir string) {
	t.Helper()
	var subject, body string
	eventually(t, 30*time.Second, "the weekly digest e-mail", func() bool {
		files, _ := filepath.Glob(filepath.Join(dataDir, "mail", "*.eml"))
		for _, p := range files {
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			msg, err := mail.ReadMessage(f)
			if err == nil {
				subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
				if strings.HasPrefix(subject, "Tổng hợp nhiệm vụ tuần từ ") {
					body = plainText(t, msg)
					f.Close()
					return true
				}
			}
			f.Close()
		}
		return false
	})
	for _, want := range []string{"Kính gửi ", "và các đơn vị trực thuộc", "Nhiệm vụ ", " số ", "hạn xử lý "} {
		if !strings.Contains(body, want) {
			t.Errorf("digest %q lacks %q:\n%s", subject, want, body)
		}
	}
	if w := regexp.MustCompile(`\d{4}-\d\d-\d\d|\b[a-z]+_[a-z_]+\b`).FindString(stripURLs(body)); w != "" {
		t.Errorf("digest shows %q:\n%s", w, body)
	}
}

func stripURLs(s string) string { return regexp.MustCompile(`https?://\S+`).ReplaceAllString(s, " ") }

// plainText is the text/plain part of an e-mail, decoded.
func plainText(t *testing.T, msg *mail.Message) string {
	t.Helper()
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := r.NextPart()
		if err != nil {
			t.Fatalf("no text/plain part: %v", err)
		}
		if strings.HasPrefix(part.Header.Get("Content-Type"), "text/plain") {
			b, err := io.ReadAll(part) // NextPart decodes quoted-printable
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
}
