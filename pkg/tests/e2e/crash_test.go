package e2e

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// TestCrashWholeStack issues a plan and SIGKILLs the whole stack (launcher,
// broker and services at once) at several moments of its fan-out, restarts
// it on the same data each time, and checks that every task and every
// leader's notification ends up stored exactly once; with a process per
// part and with every part in one process (EOFFICE_STACK_PROCESSES=one).
func TestCrashWholeStack(t *testing.T) {
	for _, processes := range []string{"many", "one"} {
		t.Run(processes, func(t *testing.T) { crashWholeStack(t, "EOFFICE_STACK_PROCESSES="+processes) })
	}
}

func crashWholeStack(t *testing.T, env string) {
	dir := t.TempDir()
	s := startStackIn(t, dir, env)
	o := seed(t, s, login(t, s.identity, "admin", s.adminPassword))
	n := crashItems(100)
	plan := crashPlan(t, s, o, n)
	want := 2 * n
	leaders := func(s *stack) map[string]string {
		return map[string]string{"STTTT": login(t, s.identity, "stttt.lanhdao", password), "SNV": login(t, s.identity, "snv.lanhdao", password)}
	}
	tok := leaders(s)
	issueDoc(t, s, o, plan)

	rounds := crashRounds()
	for r := range rounds {
		// Kill once the fan-out is past r/rounds of the way: the first
		// round as soon as anything is stored.
		moment := max(1, 2*want*r/rounds)
		var st fanoutState
		reached := false
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			st = fanoutProgress(t, s, plan, tok)
			if st.tasks+st.notifications >= moment {
				reached = true
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		if !reached {
			t.Fatalf("round %d: fan-out stuck at %s", r+1, st)
		}
		killStack(t, s)
		t.Logf("round %d: killed the whole stack at %s of %d each", r+1, st, want)
		if st.tasks == want && st.notifications == want {
			t.Logf("round %d: the fan-out had finished before the kill", r+1)
		}
		s = startStackIn(t, dir, env)
		tok = leaders(s)
	}
	checkExactlyOnce(t, s, plan, tok, want)
}

// TestCrashEachPart SIGKILLs one part of the running stack at a time, in
// the middle of a plan's fan-out; the launcher starts it again and the
// fan-out completes with every task and notification stored once. With
// every part in one process (EOFFICE_STACK_PROCESSES=one) that process is
// the part: the launcher starts all of it again.
func TestCrashEachPart(t *testing.T) {
	// CI kills the broker and the middle of the chain; scripts/crash-test.sh
	// (EOFFICE_CRASH_ALL_PARTS=1) every part. documents' relay is the first
	// step: it is killed at once, the others once the fan-out has begun.
	many := []kill{{"eoffice-broker", false}, {"tasks", false}}
	if os.Getenv("EOFFICE_CRASH_ALL_PARTS") == "1" {
		many = []kill{{"eoffice-broker", false}, {"documents", true}, {"tasks", false}, {"notifications", false}, {"identity", false}}
	}
	for _, c := range []struct {
		processes string
		kills     []kill
	}{
		{"many", many},
		{"one", []kill{{"eoffice-one", true}, {"eoffice-one", false}}},
	} {
		t.Run(c.processes, func(t *testing.T) { crashEachPart(t, c.processes, c.kills) })
	}
}

// kill is one part to SIGKILL: the process's command name, and whether
// at once after the issue or once the fan-out has begun.
type kill struct {
	comm   string
	atOnce bool
}

func crashEachPart(t *testing.T, processes string, kills []kill) {
	s := startStack(t, "EOFFICE_STACK_PROCESSES="+processes)
	o := seed(t, s, login(t, s.identity, "admin", s.adminPassword))
	tok := map[string]string{"STTTT": o.users["stttt.lanhdao"], "SNV": o.users["snv.lanhdao"]}
	n := crashItems(40)
	for i, k := range kills {
		t.Run(fmt.Sprintf("%d-%s", i+1, k.comm), func(t *testing.T) {
			plan := crashPlan(t, s, o, n)
			issueDoc(t, s, o, plan)
			at := "at once after the issue"
			if !k.atOnce {
				eventually(t, 30*time.Second, "the fan-out begins", func() bool {
					st := fanoutProgress(t, s, plan, tok)
					at = "once " + st.String() + " were stored"
					return st.tasks > 0
				})
			}
			pid := killPart(t, s, k.comm)
			t.Logf("killed %s (pid %d) %s, of %d each", k.comm, pid, at, 2*n)
			checkExactlyOnce(t, s, plan, tok, 2*n)
		})
	}
}

// checkExactlyOnce waits for the fan-out to complete, waits a little
// longer for any late double, and checks nothing is missing or doubled.
func checkExactlyOnce(t *testing.T, s *stack, plan string, tok map[string]string, want int) {
	t.Helper()
	var st fanoutState
	eventually(t, 90*time.Second, "the fan-out completes", func() bool {
		st = fanoutProgress(t, s, plan, tok)
		return len(st.doubled) > 0 || (st.tasks >= want && st.notifications >= want)
	})
	time.Sleep(time.Second) // a redelivery would land now
	st = fanoutProgress(t, s, plan, tok)
	if st.tasks != want || st.notifications != want || len(st.doubled) > 0 {
		t.Fatalf("after the crashes: %s; want %d of each, none doubled", st, want)
	}
}
