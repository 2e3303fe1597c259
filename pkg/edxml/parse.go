package edxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// maxDepth bounds nesting: edXML is six levels deep, a hostile message
// could be millions. maxElements bounds the tree (a package of 100
// attachments has about 2,000 elements; 100 MiB of "<a/>" would be 25
// million nodes, gigabytes).
const (
	maxDepth    = 32
	maxElements = 100_000
)

// node is one element of a message as parsed: its name and its own text.
type node struct {
	space, local string
	text         []byte
	kids         []*node
}

// source is the message in memory as the decoder reads it: being an
// io.ByteReader the decoder reads it unbuffered, so pos is exactly where
// the decoder is and parse can step over an attachment's base64 itself.
type source struct {
	b   []byte
	pos int
}

func (s *source) Read(p []byte) (int, error) {
	if s.pos >= len(s.b) {
		return 0, io.EOF
	}
	n := copy(p, s.b[s.pos:])
	s.pos += n
	return n, nil
}

func (s *source) ReadByte() (byte, error) {
	if s.pos >= len(s.b) {
		return 0, io.EOF
	}
	s.pos++
	return s.b[s.pos-1], nil
}

// skipText takes the text that follows a start tag up to the next markup
// without the decoder's byte-by-byte reading (ten times faster on
// megabytes of base64). Text with an entity or CDATA is left to the decoder.
func (s *source) skipText() ([]byte, bool) {
	if s.pos >= 2 && s.b[s.pos-2] == '/' { // <x/>: no text of its own
		return nil, false
	}
	rest := s.b[s.pos:]
	end := bytes.IndexByte(rest, '<')
	if end < 0 || bytes.IndexByte(rest[:end], '&') >= 0 {
		return nil, false
	}
	s.pos += end
	return rest[:end:end], true
}

// parse reads one message (at most lim.MaxSize bytes) into a tree,
// refusing on the way what is not safe: any DOCTYPE or entity declaration
// (no entity is ever expanded or fetched: the decoder knows only XML's
// five), a root that is not edXML, nesting, element count, size and
// attachment count over the limits.
func parse(r io.Reader, lim Limits) (*node, error) {
	// Read at most one byte more than the limit: a 200 MB body is refused
	// having held the limit, never all of it.
	b, err := io.ReadAll(io.LimitReader(r, lim.MaxSize+1))
	if err != nil {
		return nil, &Error{Reason: "reading the package failed", Err: err}
	}
	if int64(len(b)) > lim.MaxSize {
		return nil, refuse("package larger than %s", sizeText(lim.MaxSize))
	}
	src := &source{b: b}
	var charset string
	d := xml.NewDecoder(src)
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "us-ascii", "ascii":
			return in, nil // a subset of UTF-8
		case "utf-16", "utf-16le", "utf-16be", "unicode":
			// .NET writes this declaration over UTF-8 bytes (a string
			// serialised, then sent as UTF-8); real UTF-16 would not have
			// parsed as far as its declaration.
			return in, nil
		}
		charset = label
		return nil, errors.New("unsupported")
	}
	var stack []*node
	var root *node
	attachments, elements := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			switch {
			case charset != "":
				return nil, refuse("encoding %q not supported (UTF-8 only)", charset)
			case err == io.EOF:
				return nil, refuse("not XML")
			}
			return nil, &Error{Reason: "not XML", Err: err}
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, refuse("%s not allowed", directiveName(t))
		case xml.StartElement:
			n := &node{space: t.Name.Space, local: t.Name.Local}
			if root == nil {
				if !inNamespace(n.space) || n.space == "" || (n.local != "edXML" && n.local != "edXMLEnvelope") {
					return nil, refuse("not edXML")
				}
				root = n
			} else {
				if len(stack) >= maxDepth {
					return nil, refuse("XML nested too deep")
				}
				if elements++; elements > maxElements {
					return nil, refuse("more than %d XML elements", maxElements)
				}
				parent := stack[len(stack)-1]
				parent.kids = append(parent.kids, n)
				if n.local == "Attachment" && parent.local == "AttachmentEncoded" {
					if attachments++; attachments > lim.MaxAttachments {
						return nil, refuse("more than %d attachments", lim.MaxAttachments)
					}
				}
			}
			stack = append(stack, n)
			if n.local == "ContentTransferEncoded" {
				n.text, _ = src.skipText()
			}
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.local == "ContentTransferEncoded" && base64Len(n.text)/4*3 > lim.MaxAttachment+2 {
				return nil, refuse("attachment %d larger than %s", attachments, sizeText(lim.MaxAttachment))
			}
			if len(stack) == 0 {
				return root, nil // what follows the root is not read
			}
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		}
	}
}

func directiveName(d xml.Directive) string {
	f := strings.Fields(string(d))
	if len(f) > 0 && strings.EqualFold(f[0], "DOCTYPE") {
		return "DOCTYPE"
	}
	if len(f) > 0 && strings.EqualFold(f[0], "ENTITY") {
		return "ENTITY declaration"
	}
	return "XML declaration <!...>"
}

// inNamespace accepts the edXML namespace (any prefix or the default), no
// namespace (attachments are often written unqualified), and the edXML
// prefix some senders use without declaring it.
func inNamespace(space string) bool {
	return space == Namespace || space == "" || space == "edXML"
}

// base64Len counts the base64 characters of s, the line breaks and spaces
// senders put between them left out.
func base64Len(s []byte) int64 {
	return int64(len(s) - countSpace(s))
}

func countSpace(s []byte) int {
	n := 0
	for _, c := range s {
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			n++
		}
	}
	return n
}

// child is n's first child named local (in the edXML namespace or none).
func (n *node) child(local string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.local == local && inNamespace(k.space) {
			return k
		}
	}
	return nil
}

func (n *node) children(local string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.local == local && inNamespace(k.space) {
			out = append(out, k)
		}
	}
	return out
}

// str is the trimmed text at the path below n ("" when absent).
func (n *node) str(path ...string) string {
	for _, p := range path {
		n = n.child(p)
	}
	if n == nil {
		return ""
	}
	return string(bytes.TrimSpace(n.text))
}
