// Package freeaddr hands out loopback addresses for processes that a test
// or the bench starts and that must bind them themselves.
//
// Asking the kernel for port 0 and closing the listener is racy twice
// over: the kernel may hand the same port out again at once (CI saw two
// services of one stack given the same port), and any other process's
// port-0 listener may take it before our child binds. So ports come from
// below the kernel's ephemeral range, where no port-0 listener lands,
// picked at random, probed, and never handed out twice by one process.
package freeaddr

import (
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
)

// The kernel's default ephemeral range starts at 32768; ports below it are
// only ever taken by someone asking for them by number.
const (
	low  = 20000
	high = 32768
)

var (
	mu    sync.Mutex
	given = map[int]bool{}
)

// Get returns "127.0.0.1:PORT" for a port that is free now and that this
// process has not returned before.
func Get() (string, error) {
	return get(func() int { return low + rand.IntN(high-low) })
}

// get tries the ports next proposes.
func get(next func() int) (string, error) {
	mu.Lock()
	defer mu.Unlock()
	for range 200 {
		p := next()
		if given[p] {
			continue
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(p))
		l, err := net.Listen("tcp", addr)
		if err != nil {
			continue // in use
		}
		_ = l.Close()
		given[p] = true
		return addr, nil
	}
	return "", fmt.Errorf("freeaddr: no free port found in %d-%d", low, high-1)
}
