package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"gopkg.in/yaml.v3"
)

// docFile is a document to create, as a person writes it in JSON or YAML:
// the API's fields, with units named the short way (see
// identityapi.UnitDirectory) under recipients, lead and cooperating.
type docFile struct {
	Kind                 string     `yaml:"kind"`
	Summary              string     `yaml:"summary"`
	Body                 string     `yaml:"body"`
	Urgency              string     `yaml:"urgency"`
	Confidentiality      string     `yaml:"confidentiality"`
	Recipients           []string   `yaml:"recipients"`
	DueDate              string     `yaml:"due_date"`
	ImplementsDocumentID string     `yaml:"implements_document_id"`
	InReplyToDocumentID  string     `yaml:"in_reply_to_document_id"`
	Items                []itemFile `yaml:"items"`
	// ExternalRecipients are organisations outside the deployment, by
	// their codes in the exchange directory.
	ExternalRecipients []string `yaml:"external_recipients"`
}

type itemFile struct {
	Title         string                  `yaml:"title"`
	Description   string                  `yaml:"description"`
	Lead          string                  `yaml:"lead"`
	LeadUnitID    string                  `yaml:"lead_unit_id"`
	Cooperating   []string                `yaml:"cooperating"`
	Cooperating2  []string                `yaml:"cooperating_unit_ids"`
	DueDate       string                  `yaml:"due_date"`
	ReportCadence string                  `yaml:"report_cadence"`
	Indicator     *documentsapi.Indicator `yaml:"indicator"`
}

var typeName = regexp.MustCompile(` in type cli\.\w+`)

// readDocFile parses JSON or YAML (YAML reads JSON too); unknown fields are
// refused so that a typo does not silently drop a value.
func readDocFile(path string, stdin io.Reader) (docFile, error) {
	var raw []byte
	var err error
	if path == "-" {
		raw, err = io.ReadAll(stdin)
	} else {
		raw, err = os.ReadFile(path)
	}
	if err != nil {
		return docFile{}, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var d docFile
	if err := dec.Decode(&d); err != nil {
		if errors.Is(err, io.EOF) {
			return docFile{}, fmt.Errorf("%s: empty", path)
		}
		// yaml names Go types ("in type cli.itemFile"): not the reader's concern.
		msg := typeName.ReplaceAllString(err.Error(), "")
		return docFile{}, fmt.Errorf("%s: %s", path, msg)
	}
	return d, nil
}

// toRequest resolves unit names through the directory; every bad name is
// reported at once, with where it is in the file.
func (d docFile) toRequest(dir *identityapi.UnitDirectory) (documentsapi.NewDocument, error) {
	var errs []error
	resolve := func(where, ref string) string {
		id, err := dir.Resolve(ref)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
		return id
	}
	resolveAll := func(where string, refs []string) []string {
		out := []string{}
		for i, r := range refs {
			out = append(out, resolve(fmt.Sprintf("%s[%d]", where, i), r))
		}
		return out
	}
	req := documentsapi.NewDocument{Kind: d.Kind, Summary: d.Summary, Body: d.Body, Urgency: d.Urgency, Confidentiality: d.Confidentiality,
		Recipients: resolveAll("recipients", d.Recipients), DueDate: d.DueDate,
		ImplementsDocumentID: d.ImplementsDocumentID, InReplyToDocumentID: d.InReplyToDocumentID}
	for i, it := range d.Items {
		where := fmt.Sprintf("items[%d]", i)
		lead := it.Lead
		if lead == "" {
			lead = it.LeadUnitID
		}
		coop := append(append([]string{}, it.Cooperating...), it.Cooperating2...)
		item := documentsapi.Item{Title: it.Title, Description: it.Description, DueDate: it.DueDate, ReportCadence: it.ReportCadence,
			Indicator: it.Indicator, CooperatingUnitIDs: resolveAll(where+".cooperating", coop)}
		if strings.TrimSpace(lead) == "" {
			errs = append(errs, fmt.Errorf("%s.lead: required", where))
		} else {
			item.LeadUnitID = resolve(where+".lead", lead)
		}
		req.Items = append(req.Items, item)
	}
	req.ExternalRecipients = d.ExternalRecipients
	return req, errors.Join(errs...)
}
