package transport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Header is what a carrier needs of an edXML message without parsing it:
// its kind, its parties and its DocumentId. The exchange service parses
// and validates the whole message itself (pkg/edxml); this only routes.
type Header struct {
	Type       string // TypeEdoc, or TypeStatus when MessageHeader holds a StatusCode
	From       string // MessageHeader/From/OrganId
	To         []string
	DocumentID string // MessageHeader/DocumentId (a package's own id)
}

// Peek reads the header of an edXML message, stopping at the body: the
// attachments (nearly all of its bytes) are never read. Namespaces and
// prefixes are ignored, as readers must accept any. Entities other than
// XML's five are errors (encoding/xml is strict and never fetches).
func Peek(body []byte) (Header, error) {
	h := Header{Type: TypeEdoc}
	d := xml.NewDecoder(bytes.NewReader(body))
	var path []string
	var text strings.Builder
	seenRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return h, fmt.Errorf("edXML header: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if !seenRoot && name != "edXML" {
				return h, fmt.Errorf("edXML header: root element is %q, not edXML", name)
			}
			seenRoot = true
			if name == "edXMLBody" || name == "AttachmentEncoded" {
				return h, nil
			}
			path = append(path, name)
			text.Reset()
			if under(path, "MessageHeader", "StatusCode") {
				h.Type = TypeStatus
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			v := strings.TrimSpace(text.String())
			switch {
			case under(path, "MessageHeader", "From", "OrganId"):
				h.From = v
			case under(path, "MessageHeader", "To", "OrganId"):
				h.To = append(h.To, v)
			case under(path, "MessageHeader", "DocumentId"):
				h.DocumentID = v
			}
			text.Reset()
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if t.Name.Local == "edXMLHeader" {
				return h, nil
			}
		}
	}
	if !seenRoot {
		return h, errors.New("edXML header: no root element")
	}
	return h, nil
}

// under reports whether path ends with names.
func under(path []string, names ...string) bool {
	if len(path) < len(names) {
		return false
	}
	tail := path[len(path)-len(names):]
	for i, n := range names {
		if tail[i] != n {
			return false
		}
	}
	return true
}
