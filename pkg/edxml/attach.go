package edxml

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"io"
	"path"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/filecheck"
)

// entry is what the manifest says of one attachment.
type entry struct{ name, contentType, description string }

// attachments decodes AttachmentEncoded > Attachment* (beside the envelope;
// tolerated inside it) and checks that every manifest reference has one.
func attachments(root, env *node, lim Limits) ([]Attachment, error) {
	refs := map[string]entry{}
	var order []string
	for i, r := range env.child("edXMLBody").child("edXMLManifest").children("Reference") {
		id := contentID(r.str("ContentId"))
		if id == "" {
			return nil, refuse("manifest reference %d: missing ContentId", i+1)
		}
		refs[id] = entry{r.str("AttachmentName"), r.str("ContentType"), r.str("Description")}
		order = append(order, id)
	}
	var nodes []*node
	for _, parent := range []*node{root, env} {
		for _, enc := range parent.children("AttachmentEncoded") {
			nodes = append(nodes, enc.children("Attachment")...)
		}
	}
	if len(nodes) > lim.MaxAttachments {
		return nil, refuse("more than %d attachments", lim.MaxAttachments)
	}
	var out []Attachment
	seen := map[string]bool{}
	for i, n := range nodes {
		a, err := attachment(i+1, n, refs, lim)
		if err != nil {
			return nil, err
		}
		if a.ContentID != "" && seen[a.ContentID] {
			return nil, refuse("attachment %d: ContentId %q used twice", i+1, a.ContentID)
		}
		seen[a.ContentID] = true
		out = append(out, a)
	}
	for i, id := range order {
		if !seen[id] {
			return nil, refuse("manifest reference %d: no attachment with ContentId %q", i+1, id)
		}
	}
	return out, nil
}

func attachment(i int, n *node, refs map[string]entry, lim Limits) (Attachment, error) {
	a := Attachment{ContentID: contentID(n.str("ContentId")), Name: n.str("AttachmentName"),
		ContentType: n.str("ContentType"), Description: n.str("Description")}
	ref := refs[a.ContentID]
	a.Name = first(a.Name, ref.name)
	a.ContentType = first(a.ContentType, ref.contentType)
	a.Description = first(a.Description, ref.description)
	enc := n.child("ContentTransferEncoded")
	if enc == nil {
		return a, refuse("attachment %d: no ContentTransferEncoded", i)
	}
	text := make([]byte, 0, len(enc.text)-countSpace(enc.text))
	for _, c := range enc.text {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			text = append(text, c)
		}
	}
	enc.text = nil // the decoded bytes replace it
	dec := base64.StdEncoding
	if len(text)%4 != 0 {
		dec = base64.RawStdEncoding // padding left out
	}
	data := make([]byte, dec.DecodedLen(len(text)))
	m, err := dec.Decode(data, text)
	if err != nil {
		return a, &Error{Reason: fmtReason("attachment %d: broken base64", i), Err: err}
	}
	a.Data = data[:m]
	if int64(len(a.Data)) > lim.MaxAttachment {
		return a, refuse("attachment %d larger than %s", i, sizeText(lim.MaxAttachment))
	}
	if err := unzip(i, &a, lim); err != nil {
		return a, err
	}
	if a.Name == "" {
		a.Name = "attachment-" + a.ContentID
	}
	if a.ContentType == "" {
		a.ContentType = typeByName(a.Name)
	}
	return a, nil
}

// unzip opens an attachment sent in a one-entry zip (typed with the file's
// own type or application/zip): the file inside is the attachment, named
// and typed after its own name. A zip of several files (a .docx, an .odt,
// a real archive) is left as it is. The entry's size is bounded like any
// attachment's, whatever its header claims.
func unzip(i int, a *Attachment, lim Limits) error {
	if !bytes.HasPrefix(a.Data, []byte("PK\x03\x04")) {
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Data), int64(len(a.Data)))
	if err != nil {
		if isZipType(a.ContentType) {
			return &Error{Reason: fmtReason("attachment %d: broken zip", i), Err: err}
		}
		return nil // not a zip after all: a file that starts like one
	}
	var files []*zip.File
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() {
			files = append(files, f)
		}
	}
	if len(files) != 1 {
		return nil
	}
	f := files[0]
	too := refuse("attachment %d larger than %s", i, sizeText(lim.MaxAttachment))
	if f.UncompressedSize64 > uint64(lim.MaxAttachment) {
		return too
	}
	rc, err := f.Open()
	if err != nil {
		return &Error{Reason: fmtReason("attachment %d: broken zip", i), Err: err}
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, lim.MaxAttachment+1))
	if err != nil {
		return &Error{Reason: fmtReason("attachment %d: broken zip", i), Err: err}
	}
	if int64(len(data)) > lim.MaxAttachment {
		return too
	}
	name := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = a.Name
		if strings.EqualFold(path.Ext(name), ".zip") {
			name = name[:len(name)-4]
		}
	}
	declared := a.ContentType
	a.Data, a.Name, a.ContentType = data, name, typeByName(name)
	if a.ContentType == "application/octet-stream" && declared != "" && !isZipType(declared) {
		a.ContentType = declared
	}
	return nil
}

func isZipType(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return t == "application/zip" || t == "application/x-zip-compressed" || t == "application/x-zip"
}

// typeByName is the content type of a file name's extension, as the
// project's upload checks know them.
func typeByName(name string) string {
	if t, ok := filecheck.ByExt(strings.ToLower(path.Ext(name))); ok {
		return t.MIME
	}
	return "application/octet-stream"
}

// contentID is an id without "cid:" and the angle brackets MIME puts round it.
func contentID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "cid:") {
		s = s[4:]
	}
	return strings.Trim(strings.TrimSpace(s), "<>")
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
