package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TreeRSS sums the resident memory (bytes) of pid and all its descendants,
// read from /proc.
func TreeRSS(pid int) int64 {
	var total int64
	for _, p := range tree(pid) {
		total += rssOf(p)
	}
	return total
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/<pid>/stat times
// (100 on every Linux build this runs on).
const clockTicks = 100

// TreeCPU sums the CPU time (user and system) used so far by pid and its
// live descendants. Unlike a rate measured on a shared machine, the CPU a
// phase costs barely moves with what else the machine runs.
func TreeCPU(pid int) time.Duration {
	var ticks int64
	for _, p := range tree(pid) {
		fields := statFields(p)
		// After "(comm)": state ppid … utime (12th) stime (13th).
		if len(fields) > 12 {
			u, _ := strconv.ParseInt(fields[11], 10, 64)
			s, _ := strconv.ParseInt(fields[12], 10, 64)
			ticks += u + s
		}
	}
	return time.Duration(ticks) * time.Second / clockTicks
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

func rssOf(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
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
	stop    chan struct{}
	done    chan struct{}
}

// StartSampler samples pid's tree every interval.
func StartSampler(pid int, interval time.Duration) *Sampler {
	s := &Sampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			r := TreeRSS(pid)
			s.mu.Lock()
			s.samples = append(s.samples, Sample{time.Now(), r})
			s.peak = max(s.peak, r)
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
