package console

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

var (
	hiddenBlock = regexp.MustCompile(`(?is)<(script|style|svg|template)\b.*?</(script|style|svg|template)>`)
	// Attributes a person reads (tooltips, placeholders, screen readers).
	readAttr = regexp.MustCompile(`\b(title|placeholder|aria-label|alt)="([^"]*)"`)
	isoDate  = regexp.MustCompile(`\d{4}-\d\d-\d\d`)
)

// readable is what a person reads on a page: text outside tags (not in
// scripts, styles or icons) and the attributes shown as text. Form values
// and datetime attributes are for machines and left out; <option> text is
// read and stays.
func readable(html string) string {
	html = hiddenBlock.ReplaceAllString(html, " ")
	var attrs []string
	for _, m := range readAttr.FindAllStringSubmatch(html, -1) {
		attrs = append(attrs, m[2])
	}
	return visibleText(html) + " " + strings.Join(attrs, " ")
}

// internalCodes are the codes the console must always translate: states,
// follow-up classes, kinds, urgency and confidentiality levels.
func internalCodes() []string {
	var out []string
	for _, table := range []string{"doc", "receipt", "task", "class", "kind", "urgency", "confidentiality", "auth_state"} {
		for code := range labels[table] {
			// One-word codes such as "plan" or "draft" are also English
			// words in sample data's ids; those with an underscore, or a
			// state, are never ordinary text.
			if strings.Contains(code, "_") || table != "kind" {
				out = append(out, code)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestNoInternalWords renders the console's main pages over sample data
// and fails when a reader would see an internal code (pending_approval,
// completed_on_time, official_letter, …) or an ISO date.
func TestNoInternalWords(t *testing.T) {
	var alts []string
	for _, c := range internalCodes() {
		alts = append(alts, regexp.QuoteMeta(c))
	}
	code := regexp.MustCompile(`(^|[^\p{L}\p{N}_-])(` + strings.Join(alts, "|") + `)($|[^\p{L}\p{N}_-])`)
	leader := newBrowser(t)
	leader.login()
	admin, _ := adminBrowser(t)
	clerk, _ := clerkBrowser(t)
	pages := map[*browser][]string{
		leader: {"/", "/incoming", "/incoming?channel=exchange&status=received", "/outgoing", "/for_information",
			"/documents/new", "/documents/d-flash", "/documents/d-out", "/documents/d-routed", "/documents/d-plan",
			"/documents/d-paper", "/documents/d-qd", "/documents/d-ex", "/tasks", "/tasks/t-over", "/notifications",
			"/plans", "/plans/d-plan/progress", "/scoreboard", "/statistics?from=01/01/2026&to=31/12/2026",
			"/registers?book=incoming&year=2026", "/authorisations"},
		admin: {"/admin", "/admin/units/stttt"},
		clerk: {"/exchange/packages", "/incoming", "/incoming/paper"},
	}
	for b, paths := range pages {
		for _, path := range paths {
			check(t, b, path, code)
		}
	}
}

func check(t *testing.T, b *browser, path string, code *regexp.Regexp) {
	t.Run(path, func(t *testing.T) {
		p := b.get(path)
		if p.status != 200 {
			t.Fatalf("status %d", p.status)
		}
		text := readable(p.body)
		if m := code.FindStringSubmatch(text); m != nil {
			t.Errorf("shows the code %q: …%s…", m[2], around(text, m[2]))
		}
		if m := isoDate.FindString(text); m != "" {
			t.Errorf("shows the ISO date %q: …%s…", m, around(text, m))
		}
	})
}

func around(text, s string) string {
	i := strings.Index(text, s)
	lo, hi := max(i-60, 0), min(i+len(s)+60, len(text))
	return text[lo:hi]
}

// TestReadableCatchesCodes: the check itself sees a code in text and in a
// tooltip, and ignores one in a form value.
func TestReadableCatchesCodes(t *testing.T) {
	got := readable(`<p title="open_overdue">Trạng thái: pending_approval</p><input value="official_letter"><script>x="2026-01-01"</script>`)
	for _, w := range []string{"open_overdue", "pending_approval"} {
		if !strings.Contains(got, w) {
			t.Errorf("readable lacks %q: %q", w, got)
		}
	}
	for _, n := range []string{"official_letter", "2026-01-01"} {
		if strings.Contains(got, n) {
			t.Errorf("readable has %q: %q", n, got)
		}
	}
}
