package bench

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// memoryOf agrees with the kernel's other account of a process, smaps_rollup:
// the resident total, and its file-backed part as the total less anonymous
// and shared-memory pages.
func TestMemoryOfAgreesWithSmaps(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep:", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	pid := cmd.Process.Pid
	// Read it once it sleeps: before, it is a copy of this test or its
	// loader at work.
	asleep := func() bool { f := statFields(pid); return commOf(pid) == "sleep" && len(f) > 0 && f[0] == "S" }
	for deadline := time.Now().Add(10 * time.Second); !asleep(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("sleep did not start")
		}
	}
	tests := []struct {
		name string
		pid  int
	}{{"a small program", pid}, {"this test", os.Getpid()}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rss, file int64
			var smaps map[string]int64
			// status's counters are kept per CPU and summed lazily
			// (proc(5): "inaccurate"), and a running process's memory moves
			// between the two reads: they agree within a slack.
			const slack = 1 << 20
			for range 20 {
				rss, file = memoryOf(tt.pid)
				smaps = rollup(t, tt.pid)
				if abs(rss-smaps["Rss"]) <= slack {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			wantFile := smaps["Rss"] - smaps["Anonymous"] - smaps["Shmem"]
			if rss == 0 || abs(rss-smaps["Rss"]) > slack {
				t.Errorf("rss = %d, smaps_rollup Rss = %d", rss, smaps["Rss"])
			}
			if file <= 0 || file >= rss || abs(file-wantFile) > slack {
				t.Errorf("file = %d of %d, smaps_rollup says %d", file, rss, wantFile)
			}
		})
	}
	s := StartSampler(os.Getpid(), time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	s.Stop()
	if own, _ := memoryOf(os.Getpid()); s.Peak() < own/2 || s.PeakFile() <= 0 || s.PeakFile() >= s.Peak() {
		t.Errorf("sampler peak %d with %d from files; this process alone has %d", s.Peak(), s.PeakFile(), own)
	}
}

// rollup reads /proc/<pid>/smaps_rollup's sizes in bytes by name.
func rollup(t *testing.T, pid int) map[string]int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		t.Skip("no smaps_rollup:", err)
	}
	out := map[string]int64{}
	for _, line := range strings.Split(string(b), "\n") {
		name, v, ok := strings.Cut(line, ":")
		if f := strings.Fields(v); ok && len(f) == 2 && f[1] == "kB" {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			out[name] = n << 10
		}
	}
	return out
}

func abs(n int64) int64 { return max(n, -n) }
