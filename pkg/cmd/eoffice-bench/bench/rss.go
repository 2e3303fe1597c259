package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TreeRSS sums the resident memory (bytes) of pid and all its descendants,
// read from /proc.
func TreeRSS(pid int) int64 {
	total, _ := treeRSS(pid)
	return total
}

// treeRSS is TreeRSS with each process's share, by program name.
func treeRSS(pid int) (int64, map[string]int64) {
	total, _, each := treeMemory(pid)
	return total, each
}

// treeMemory is treeRSS with the part of the total mapped from files (the
// programs' own code and read-only data, in the page cache), which only
// fewer or smaller binaries shrink.
func treeMemory(pid int) (total, file int64, each map[string]int64) {
	each = map[string]int64{}
	for _, p := range tree(pid) {
		r, f := memoryOf(p)
		total += r
		file += f
		if name := commOf(p); name != "" { // "" had exited
			each[name] += r
		}
	}
	return total, file, each
}

// commOf is the program name of pid, from /proc/<pid>/comm.
func commOf(pid int) string {
	b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	return strings.TrimSpace(string(b))
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/<pid>/stat times
// (100 on every Linux build this runs on).
const clockTicks = 100

// TreeCPU sums the CPU time (user and system) used so far by pid and its
// live descendants. Unlike a rate measured on a shared machine, the CPU a
// phase costs barely moves with what else the machine runs.
func TreeCPU(pid int) time.Duration {
	var total time.Duration
	for _, d := range TreeCPUByName(pid) {
		total += d
	}
	return total
}

// TreeCPUByName is TreeCPU by program name.
func TreeCPUByName(pid int) map[string]time.Duration {
	out := map[string]time.Duration{}
	for _, p := range tree(pid) {
		fields := statFields(p)
		// After "(comm)": state ppid … utime (12th) stime (13th).
		if len(fields) > 12 {
			u, _ := strconv.ParseInt(fields[11], 10, 64)
			s, _ := strconv.ParseInt(fields[12], 10, 64)
			out[commOf(p)] += time.Duration(u+s) * time.Second / clockTicks
		}
	}
	return out
}

// CPUSince says, for each program, the CPU time it used since before (a
// TreeCPUByName reading) divided by n, in milliseconds, largest first.
func CPUSince(pid int, before map[string]time.Duration, n float64) string {
	now := TreeCPUByName(pid)
	names := make([]string, 0, len(now))
	for name := range now {
		names = append(names, name)
	}
	used := func(name string) time.Duration { return now[name] - before[name] }
	sort.Slice(names, func(i, j int) bool { return used(names[i]) > used(names[j]) })
	parts := make([]string, 0, len(names))
	for _, name := range names {
		parts = append(parts, fmt.Sprintf("%s %.3f", name, float64(used(name))/float64(time.Millisecond)/n))
	}
	return strings.Join(parts, ", ")
}

// statFields are the fields of /proc/<pid>/stat after "(comm)", which may
// hold spaces, so it is cut at the last ')'.
func statFields(pid int) []string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

// tree lists pid and all its descendants.
func tree(pid int) []int {
	children := map[int][]int{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		p, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
		fields := statFields(p)
		if len(fields) < 2 {
			continue
		}
		pp, _ := strconv.Atoi(fields[1])
		children[pp] = append(children[pp], p)
	}
	var out []int
	var walk func(int)
	walk = func(p int) {
		out = append(out, p)
		for _, c := range children[p] {
			walk(c)
		}
	}
	walk(pid)
	return out
}

// memoryOf reads pid's resident memory and its file-backed part (VmRSS and
// RssFile of /proc/<pid>/status), in bytes.
func memoryOf(pid int) (rss, file int64) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0
	}
	kb := func(v string) int64 {
		n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		return n << 10
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss = kb(v)
		} else if v, ok := strings.CutPrefix(line, "RssFile:"); ok {
			file = kb(v)
		}
	}
	return rss, file
}

// Sample is one reading of the stack's memory.
type Sample struct {
	At  time.Time
	RSS int64
}

// Sampler reads a process tree's RSS every interval until stopped.
type Sampler struct {
	mu      sync.Mutex
	samples []Sample
	peak    int64
	file    int64            // the file-backed part of peak
	peaks   map[string]int64 // each program's own highest reading
	stop    chan struct{}
	done    chan struct{}
}

// StartSampler samples pid's tree every interval.
func StartSampler(pid int, interval time.Duration) *Sampler {
	s := &Sampler{peaks: map[string]int64{}, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			r, file, each := treeMemory(pid)
			s.mu.Lock()
			s.samples = append(s.samples, Sample{time.Now(), r})
			if r > s.peak {
				s.peak, s.file = r, file
			}
			for name, v := range each {
				s.peaks[name] = max(s.peaks[name], v)
			}
			s.mu.Unlock()
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// Stop ends sampling.
func (s *Sampler) Stop() { close(s.stop); <-s.done }

// Peak is the highest reading so far.
func (s *Sampler) Peak() int64 { s.mu.Lock(); defer s.mu.Unlock(); return s.peak }

// PeakFile is the part of Peak's reading mapped from files: the
// binaries' code and read-only data.
func (s *Sampler) PeakFile() int64 { s.mu.Lock(); defer s.mu.Unlock(); return s.file }

// Peaks says each program's highest reading in MB, largest first, e.g.
// "documents 180, tasks 95": where the tree's peak comes from. (The
// programs' peaks need not fall at the same moment.)
func (s *Sampler) Peaks() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.peaks))
	for n := range s.peaks {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return s.peaks[names[i]] > s.peaks[names[j]] })
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %d", n, s.peaks[n]>>20))
	}
	return strings.Join(parts, ", ")
}

// Between returns the readings taken in [from, to).
func (s *Sampler) Between(from, to time.Time) []Sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sample
	for _, x := range s.samples {
		if !x.At.Before(from) && x.At.Before(to) {
			out = append(out, x)
		}
	}
	return out
}
