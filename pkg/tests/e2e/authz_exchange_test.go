package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// The UBND's exchange code in the authorization fixtures, and an
// organisation outside that writes to it.
const (
	authzUBNDCode   = "000.00.00.H34"
	authzSenderCode = "000.00.00.G22"
)

// typedBody is a raw request body of a content type (CSV, edXML).
type typedBody struct {
	ctype string
	data  []byte
}

// setUpExchange gives the UBND its code, puts the sender in the directory
// and hands in one package for the UBND (as the integration client, a
// provincial gateway would); it returns the package's id.
func (f *authzFixtures) setUpExchange() string {
	code := authzUBNDCode
	must(f.t, http.StatusOK, "PATCH", f.s.identity+"/v1/units/"+f.units["UBND"], f.admin, identityapi.UnitPatch{Code: &code}, nil)
	must(f.t, http.StatusCreated, "POST", f.s.exchange+"/v1/exchange/organisations", f.admin,
		exchangeapi.Organisation{Code: authzSenderCode, Name: "Văn phòng Chính phủ"}, nil)
	var got exchangeapi.Received
	var last string
	ok := eventuallyOK(30*time.Second, func() bool {
		b := f.packageTo(authzUBNDCode)
		req, _ := http.NewRequest("POST", f.s.exchange+"/v1/exchange/packages", bytes.NewReader(b.data))
		req.Header.Set("Content-Type", b.ctype)
		req.Header.Set("Authorization", "Bearer "+f.clientTok)
		resp, err := httpClient.Do(req)
		if err != nil {
			last = err.Error()
			return false
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		last = fmt.Sprintf("%d %s", resp.StatusCode, raw)
		return resp.StatusCode == http.StatusAccepted && json.Unmarshal(raw, &got) == nil
	})
	if !ok {
		f.t.Fatalf("a package to the UBND was not accepted within 30s: %s", last)
	}
	return got.ID
}

// eventuallyOK polls fn until it holds or timeout passes.
func eventuallyOK(timeout time.Duration, fn func() bool) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if fn() {
			return true
		}
	}
	return false
}

// packageTo is a fresh edXML package from the sender to code.
func (f *authzFixtures) packageTo(code string) typedBody {
	b, err := edxml.Build(edxml.Package{
		From: edxml.Organisation{ID: authzSenderCode, Name: "Văn phòng Chính phủ"}, To: []edxml.Organisation{{ID: code}},
		DocumentID: f.unique("authz-package-"), Code: edxml.Code{Number: "7816", Notation: "VPCP-TTĐT"},
		PromulgationDate: time.Now().Format(time.DateOnly), Subject: "V/v thử phân quyền liên thông",
		Type:        edxml.DocumentType{TypeName: "Công văn"},
		Attachments: []edxml.Attachment{{Name: "cong-van.txt", ContentType: "text/plain", Data: []byte("Nội dung")}},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return typedBody{"application/xml", b}
}

// freshOrgCode is a code no organisation of the directory has yet.
func (f *authzFixtures) freshOrgCode() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	return fmt.Sprintf("%03d.%02d.00.G30", f.n%1000, f.n/1000)
}

// exchangeRows are the exchange service's routes: the directory is read
// by everyone signed in and written by administrators; packages are the
// addressed agency's clerks' (its other staff see what it sent only).
func exchangeRows(s *stack) []authzRow {
	ex := s.exchange
	pkg := func(tail string) func(*authzFixtures) string {
		return func(f *authzFixtures) string { return ex + "/v1/exchange/packages/" + f.exchangePackage + tail }
	}
	return []authzRow{
		{"GET /v1/exchange/organisations", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/organisations" }, nil,
			"admin,client," + users + "=200"},
		{"POST /v1/exchange/organisations", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/organisations" },
			func(f *authzFixtures) any {
				return exchangeapi.Organisation{Code: f.freshOrgCode(), Name: "Cơ quan thử"}
			},
			"admin=201 client," + users + "=403"},
		{"POST /v1/exchange/organisations/import", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/organisations/import" },
			func(f *authzFixtures) any {
				return typedBody{"text/csv", []byte("code,name,parent_code,address,email\n" + f.freshOrgCode() + ",Cơ quan nhập,,,\n")}
			}, "admin=200 client," + users + "=403"},
		{"GET /v1/exchange/organisations/{code}", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/organisations/" + authzSenderCode },
			nil, "admin,client," + users + "=200"},
		{"PUT /v1/exchange/organisations/{code}", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/organisations/" + authzSenderCode },
			func(*authzFixtures) any { return exchangeapi.Organisation{Name: "Văn phòng Chính phủ"} }, "admin=200 client," + users + "=403"},
		{"POST /v1/exchange/packages", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/packages" },
			func(f *authzFixtures) any { return f.packageTo(authzUBNDCode) }, "C,admin,client=202 L,S,L*,C*,S*=403"},
		{"GET /v1/exchange/packages", "UBND", func(*authzFixtures) string { return ex + "/v1/exchange/packages" }, nil,
			"admin,client," + users + "=200"},
		{"GET /v1/exchange/packages/{id}", "UBND", pkg(""), nil, "C,admin,client=200 L,S,L*,C*,S*=404"},
		{"GET /v1/exchange/packages/{id}/edxml", "UBND", pkg("/edxml"), nil, "C,admin,client=200 L,S,L*,C*,S*=404"},
		{"GET /v1/exchange/packages/{id}/files/{index}", "UBND", pkg("/files/0"), nil, "C,admin,client=200 L,S,L*,C*,S*=404"},
	}
}
