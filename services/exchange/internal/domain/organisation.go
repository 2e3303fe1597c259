// Package domain holds the exchange service's records and rules: the
// directory of organisations outside the deployment, packages in and out,
// their files and the status messages that follow them.
package domain

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// codeShape is a mã định danh (QĐ 20/2020/QĐ-TTg): three groups of digits
// for the lower levels, then the level-1 body, a letter (G central, H
// province, …) and two digits: 000.00.00.H41, 000.00.15.H51, 000.00.00.G22.
var codeShape = regexp.MustCompile(`^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$`)

// ValidCode reports whether code has the shape of an organisation code.
func ValidCode(code string) bool { return codeShape.MatchString(code) }

// Organisation is one entry of the directory of organisations outside the
// deployment.
type Organisation struct {
	Code       string
	Name       string
	ParentCode string
	Address    string
	Email      string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Normalise trims the fields.
func (o *Organisation) Normalise() {
	for _, f := range []*string{&o.Code, &o.Name, &o.ParentCode, &o.Address, &o.Email} {
		*f = strings.TrimSpace(*f)
	}
}

// Check lists what is wrong with o, field by field.
func (o Organisation) Check(v *apperr.Validator) {
	v.Check(ValidCode(o.Code), "code", "must be an organisation code like 000.00.00.H41")
	v.Check(o.Name != "" && len(o.Name) <= 300, "name", "is required (at most 300 bytes)")
	v.Check(o.ParentCode == "" || ValidCode(o.ParentCode), "parent_code", "must be an organisation code like 000.00.00.H41")
	v.Check(o.ParentCode != o.Code || o.Code == "", "parent_code", "must not be the organisation itself")
	v.Check(len(o.Address) <= 500, "address", "is at most 500 bytes")
	if o.Email != "" {
		_, err := mail.ParseAddress(o.Email)
		v.Check(err == nil, "email", "is not an e-mail address")
	}
}

// Validate is Check as one error (apperr.ErrInvalid).
func (o Organisation) Validate() error {
	var v apperr.Validator
	o.Check(&v)
	return v.Err()
}

// csvHeader is the import's first line.
var csvHeader = []string{"code", "name", "parent_code", "address", "email"}

// MaxImportRows bounds one import.
const MaxImportRows = 20000

// ParseCSV reads the directory import (header code,name,parent_code,
// address,email): every row valid or an apperr.ErrInvalid naming the first
// bad line, so that an import is all or nothing.
func ParseCSV(r io.Reader) ([]Organisation, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Invalid("empty file: the first line is the header " + strings.Join(csvHeader, ","))
	}
	if err != nil {
		return nil, apperr.Invalid("line 1: " + err.Error())
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff") // Excel's byte order mark
	}
	for i := range head {
		head[i] = strings.ToLower(strings.TrimSpace(head[i]))
	}
	if strings.Join(head, ",") != strings.Join(csvHeader, ",") {
		return nil, apperr.Invalid("line 1: the header must be " + strings.Join(csvHeader, ","))
	}
	var out []Organisation
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, apperr.Invalid(fmt.Sprintf("line %d: %v", line, err))
		}
		if len(rec) != len(csvHeader) {
			return nil, apperr.Invalid(fmt.Sprintf("line %d: %d fields, want %d", line, len(rec), len(csvHeader)))
		}
		o := Organisation{Code: rec[0], Name: rec[1], ParentCode: rec[2], Address: rec[3], Email: rec[4]}
		o.Normalise()
		var v apperr.Validator
		o.Check(&v)
		if err := v.Err(); err != nil {
			e, _ := apperr.As(err)
			return nil, apperr.Invalid(fmt.Sprintf("line %d: %s %s", line, e.Fields[0].Field, e.Fields[0].Message), e.Fields...)
		}
		if first, dup := seen[o.Code]; dup {
			return nil, apperr.Invalid(fmt.Sprintf("line %d: code %s repeats line %d", line, o.Code, first))
		}
		seen[o.Code] = line
		if len(out) == MaxImportRows {
			return nil, apperr.Invalid(fmt.Sprintf("line %d: at most %d organisations per import", line, MaxImportRows))
		}
		out = append(out, o)
	}
	if len(out) == 0 {
		return nil, apperr.Invalid("no organisation after the header")
	}
	return out, nil
}
