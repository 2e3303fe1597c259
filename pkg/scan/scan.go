// Package scan hands uploaded files to a virus scanner before they are
// kept. Scanner is the hook; Clamd speaks to ClamAV's daemon; None, for a
// deployment without a scanner, lets everything through.
package scan

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Verdict is a scanner's answer on one file.
type Verdict struct {
	Infected bool
	// Signature names what was found (ClamAV's name, e.g.
	// "Eicar-Signature"), when Infected.
	Signature string
}

// Scanner scans a file's content. An error means no verdict (the scanner
// is unreachable or failed): callers refuse the file rather than keep it
// unscanned.
type Scanner interface {
	Scan(ctx context.Context, r io.Reader) (Verdict, error)
}

// None is the scanner of a deployment without one: every file is clean.
type None struct{}

// Scan reads nothing and finds nothing.
func (None) Scan(context.Context, io.Reader) (Verdict, error) { return Verdict{}, nil }

// New returns the scanner of addr (EOFFICE_CLAMD_ADDR): None when addr is
// empty, else a Clamd client of tcp://host:port or unix:/path.
func New(addr string) (Scanner, error) {
	if addr == "" {
		return None{}, nil
	}
	c, err := ParseClamd(addr)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// DefaultTimeout bounds one scan when the context has no earlier deadline.
const DefaultTimeout = 2 * time.Minute

// chunk is the size of one INSTREAM chunk.
const chunk = 64 << 10

// Clamd scans with clamd's INSTREAM command over a TCP or unix socket.
type Clamd struct {
	Network string // "tcp" or "unix"
	Address string // host:port, or the socket's path
	Timeout time.Duration
}

// ParseClamd reads tcp://host:port or unix:/path (unix:///path too).
func ParseClamd(addr string) (*Clamd, error) {
	switch {
	case strings.HasPrefix(addr, "tcp://"):
		hostport := strings.TrimPrefix(addr, "tcp://")
		if _, port, err := net.SplitHostPort(hostport); err != nil || port == "" {
			return nil, fmt.Errorf("clamd address %q: want tcp://host:port", addr)
		}
		return &Clamd{Network: "tcp", Address: hostport, Timeout: DefaultTimeout}, nil
	case strings.HasPrefix(addr, "unix:"):
		p := strings.TrimPrefix(strings.TrimPrefix(addr, "unix:"), "//")
		if !strings.HasPrefix(p, "/") {
			return nil, fmt.Errorf("clamd address %q: want unix:/absolute/path", addr)
		}
		return &Clamd{Network: "unix", Address: p, Timeout: DefaultTimeout}, nil
	}
	return nil, fmt.Errorf("clamd address %q: want tcp://host:port or unix:/path", addr)
}

// ErrScanner is the error of a scan that gave no verdict.
var ErrScanner = errors.New("virus scanner")

func (c *Clamd) dial(ctx context.Context) (net.Conn, func(), error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	var d net.Dialer
	conn, err := d.DialContext(ctx, c.Network, c.Address)
	if err != nil {
		cancel()
		return nil, nil, fmt.Errorf("%w: %w", ErrScanner, err)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	// A cancelled request unblocks the reads and writes at once.
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	return conn, func() { stop(); cancel(); _ = conn.Close() }, nil
}

// Scan streams r to clamd (zINSTREAM: length-prefixed chunks, a zero
// length ends) and reads its one-line reply.
func (c *Clamd) Scan(ctx context.Context, r io.Reader) (Verdict, error) {
	conn, done, err := c.dial(ctx)
	if err != nil {
		return Verdict{}, err
	}
	defer done()
	werr := send(conn, r)
	// clamd answers and closes early on a stream over its size limit; its
	// reply says why better than the broken write.
	reply, rerr := bufio.NewReader(conn).ReadString(0)
	reply = strings.TrimRight(reply, "\x00\n")
	if rerr != nil && reply == "" {
		if werr != nil {
			return Verdict{}, werr
		}
		return Verdict{}, fmt.Errorf("%w: reading the reply: %w", ErrScanner, rerr)
	}
	return parseReply(reply)
}

func send(w io.Writer, r io.Reader) error {
	bw := bufio.NewWriterSize(w, chunk+4)
	if _, err := bw.WriteString("zINSTREAM\x00"); err != nil {
		return fmt.Errorf("%w: %w", ErrScanner, err)
	}
	buf := make([]byte, chunk)
	var size [4]byte
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			binary.BigEndian.PutUint32(size[:], uint32(n))
			if _, werr := bw.Write(size[:]); werr != nil {
				return fmt.Errorf("%w: %w", ErrScanner, werr)
			}
			if _, werr := bw.Write(buf[:n]); werr != nil {
				return fmt.Errorf("%w: %w", ErrScanner, werr)
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading the file to scan: %w", err)
		}
	}
	if _, err := bw.Write([]byte{0, 0, 0, 0}); err != nil {
		return fmt.Errorf("%w: %w", ErrScanner, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%w: %w", ErrScanner, err)
	}
	return nil
}

// parseReply reads "stream: OK", "stream: NAME FOUND" or "... ERROR".
func parseReply(reply string) (Verdict, error) {
	body := strings.TrimPrefix(reply, "stream: ")
	switch {
	case body == "OK":
		return Verdict{}, nil
	case strings.HasSuffix(body, " FOUND"):
		return Verdict{Infected: true, Signature: strings.TrimSuffix(body, " FOUND")}, nil
	}
	return Verdict{}, fmt.Errorf("%w: clamd answered %q", ErrScanner, reply)
}

// Ping asks clamd whether it is up (zPING, answered PONG).
func (c *Clamd) Ping(ctx context.Context) error {
	conn, done, err := c.dial(ctx)
	if err != nil {
		return err
	}
	defer done()
	if _, err := conn.Write([]byte("zPING\x00")); err != nil {
		return fmt.Errorf("%w: %w", ErrScanner, err)
	}
	reply, err := bufio.NewReader(conn).ReadBytes(0)
	if !bytes.Equal(bytes.TrimRight(reply, "\x00\n"), []byte("PONG")) {
		return fmt.Errorf("%w: clamd answered %q to PING (%v)", ErrScanner, reply, err)
	}
	return nil
}
