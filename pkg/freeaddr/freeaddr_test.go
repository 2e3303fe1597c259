package freeaddr

import (
	"net"
	"strconv"
	"testing"
)

// Many addresses in a row are distinct, bindable, and outside the
// kernel's ephemeral range (where a port-0 listener could take them).
func TestGetDistinctAndBindable(t *testing.T) {
	seen := map[string]bool{}
	for range 300 {
		a, err := Get()
		if err != nil {
			t.Fatal(err)
		}
		if seen[a] {
			t.Fatalf("%s handed out twice", a)
		}
		seen[a] = true
		if p := mustPort(t, a); p < low || p >= high {
			t.Fatalf("%s is outside %d-%d", a, low, high-1)
		}
		l, err := net.Listen("tcp", a)
		if err != nil {
			t.Fatalf("%s cannot be bound: %v", a, err)
		}
		l.Close()
	}
}

// A port someone holds, or one already handed out, is skipped.
func TestGetSkipsPortsInUse(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	heldPort := held.Addr().(*net.TCPAddr).Port
	first, err := Get()
	if err != nil {
		t.Fatal(err)
	}
	firstPort := mustPort(t, first)
	free := 0
	for p := low; free == 0; p++ {
		if l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p)); err == nil && !given[p] {
			l.Close()
			free = p
		}
	}
	proposals := []int{heldPort, firstPort, free}
	got, err := get(func() int { p := proposals[0]; proposals = proposals[1:]; return p })
	if err != nil {
		t.Fatal(err)
	}
	if mustPort(t, got) != free {
		t.Fatalf("got %s, want port %d (after skipping held %d and given %d)", got, free, heldPort, firstPort)
	}
}

func mustPort(t *testing.T, addr string) int {
	t.Helper()
	_, ps, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	p, err := strconv.Atoi(ps)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
