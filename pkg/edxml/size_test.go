package edxml

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// base64Stream is n bytes of base64 text in lines, made as it is read.
type base64Stream struct{ left int64 }

func (s *base64Stream) Read(p []byte) (int, error) {
	if s.left <= 0 {
		return 0, io.EOF
	}
	const line = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n"
	p = p[:min(int64(len(p)), s.left)]
	n := 0
	for n < len(p) {
		n += copy(p[n:], line)
	}
	s.left -= int64(n)
	return n, nil
}

type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// A 200 MB package is refused having read little more than the limit.
func TestReadRefuses200MBHoldingAtMostTheLimit(t *testing.T) {
	canon := mustBuild(t, samplePackage())
	open := strings.Index(canon, "<edXML:ContentTransferEncoded>") + len("<edXML:ContentTransferEncoded>")
	body := &counter{r: io.MultiReader(strings.NewReader(canon[:open]), &base64Stream{left: 200 << 20},
		strings.NewReader(canon[open:]))}
	_, _, err := Read(body, Limits{})
	var e *Error
	if !errors.As(err, &e) || e.Reason != "package larger than 100 MiB" {
		t.Fatalf("Read = %v, want package larger than 100 MiB", err)
	}
	if body.n > DefaultLimits.MaxSize+1 {
		t.Errorf("read %d bytes of the body, want about the limit %d", body.n, DefaultLimits.MaxSize)
	}
}

func TestReadAcceptsAPackageOfExactlyTheLimit(t *testing.T) {
	canon := mustBuild(t, samplePackage())
	if _, _, err := Read(strings.NewReader(canon), Limits{MaxSize: int64(len(canon))}); err != nil {
		t.Fatalf("Read at the limit: %v", err)
	}
	_, _, err := Read(strings.NewReader(canon+"\n"), Limits{MaxSize: int64(len(canon))})
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Reason, "package larger than") {
		t.Fatalf("Read one byte over the limit: %v", err)
	}
}
