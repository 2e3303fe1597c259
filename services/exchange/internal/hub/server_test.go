package hub_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/hub"
)

type reply struct {
	Status    string          `json:"status"`
	ErrorCode string          `json:"ErrorCode"`
	DocID     string          `json:"DocId"`
	Data      json.RawMessage `json:"data"`
}

func newServer(t *testing.T, maxBody int64) string {
	url, _ := newServerStore(t, maxBody)
	return url
}

func newServerStore(t *testing.T, maxBody int64) (string, *hub.Store) {
	t.Helper()
	st, err := hub.NewStore(context.Background(), storetest.OpenSQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hub.New(st, slog.New(slog.DiscardHandler), maxBody).Handler())
	t.Cleanup(srv.Close)
	return srv.URL, st
}

func call(t *testing.T, url, path, system, secret string, headers map[string]string, body []byte) (int, reply) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if system != "" {
		req.Header.Set(hub.HeaderSystem, system)
		req.Header.Set(hub.HeaderSecret, secret)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var r reply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: answer %q is not the gateway's JSON: %v", path, b, err)
	}
	return resp.StatusCode, r
}

func TestServerRefusals(t *testing.T) {
	url := newServer(t, 1024)
	if code, _ := call(t, url, "/registerAgency", "A", "sa", nil, []byte(`[{"code":"000.00.00.H41"}]`)); code != 200 {
		t.Fatalf("registerAgency A: %d", code)
	}
	if code, _ := call(t, url, "/registerAgency", "B", "sb", nil, []byte(`[{"code":"000.00.00.H49"}]`)); code != 200 {
		t.Fatalf("registerAgency B: %d", code)
	}
	edoc := map[string]string{hub.HeaderMessageType: "edoc", hub.HeaderTo: `["000.00.00.H49"]`, hub.HeaderKey: "k"}
	cases := []struct {
		name, path, system, secret string
		headers                    map[string]string
		body                       []byte
		want                       int
		wantCode                   string
	}{
		{"no credentials", "/sendEdoc", "", "", edoc, []byte("<x/>"), 401, "AUTH"},
		{"wrong secret", "/sendEdoc", "A", "sb", edoc, []byte("<x/>"), 401, "AUTH"},
		{"too large", "/sendEdoc", "A", "sa", edoc, bytes.Repeat([]byte("x"), 1025), 413, "TOO_LARGE"},
		{"unknown code", "/sendEdoc", "A", "sa", map[string]string{hub.HeaderMessageType: "edoc", hub.HeaderTo: `["000.00.00.G22"]`}, []byte("<x/>"), 422, hub.ErrorUnknownRecipient},
		{"two recipients", "/sendEdoc", "A", "sa", map[string]string{hub.HeaderMessageType: "edoc", hub.HeaderTo: `["000.00.00.H49","000.00.00.H41"]`}, []byte("<x/>"), 400, "BAD_REQUEST"},
		{"bad type", "/sendEdoc", "A", "sa", map[string]string{hub.HeaderMessageType: "fax", hub.HeaderTo: "000.00.00.H49"}, []byte("<x/>"), 400, "BAD_REQUEST"},
		{"bad hash", "/sendEdoc", "A", "sa", map[string]string{hub.HeaderMessageType: "edoc", hub.HeaderTo: "000.00.00.H49", hub.HeaderHashFile: "00000000000000000000000000000000000000000000000000000000000000ff"}, []byte("<x/>"), 400, "BAD_HASH"},
		{"empty", "/sendEdoc", "A", "sa", edoc, nil, 400, "BAD_REQUEST"},
		{"taken code", "/registerAgency", "B", "sb", nil, []byte(`[{"code":"000.00.00.H41"}]`), 409, "CODE_TAKEN"},
		{"bad announcement", "/registerAgency", "B", "sb", nil, []byte(`{"code":1}`), 400, "BAD_REQUEST"},
		{"unknown message", "/getEdoc", "B", "sb", map[string]string{hub.HeaderDocID: "nope"}, nil, 404, "NOT_FOUND"},
		{"bad status", "/updateStatus", "B", "sb", map[string]string{hub.HeaderDocID: "nope", hub.HeaderStatus: "read"}, nil, 400, "BAD_REQUEST"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, r := call(t, url, c.path, c.system, c.secret, c.headers, c.body)
			if code != c.want || r.ErrorCode != c.wantCode || r.Status != "FAIL" {
				t.Fatalf("got %d %+v, want %d %s", code, r, c.want, c.wantCode)
			}
		})
	}
	// None of the refused sends reached B.
	code, r := call(t, url, "/getReceivedEdocList", "B", "sb", nil, nil)
	if code != 200 || string(r.Data) != "[]" {
		t.Fatalf("B's list after refusals: %d %s", code, r.Data)
	}
}

func TestServerRoundTrip(t *testing.T) {
	url, st := newServerStore(t, 0)
	call(t, url, "/registerAgency", "B", "sb", nil, []byte(`[{"code":"000.00.00.H49","name":"UBND tỉnh Quảng Ninh"}]`))
	pkg := []byte(`<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>000.00.00.H41</OrganId></From>` +
		`<To><OrganId>000.00.00.H49</OrganId></To><DocumentId>d-7</DocumentId></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`)
	// No to header: the package's own To routes it.
	code, sent := call(t, url, "/sendEdoc", "A", "sa", map[string]string{hub.HeaderMessageType: "edoc"}, pkg)
	if code != 200 || sent.DocID == "" {
		t.Fatalf("sendEdoc: %d %+v", code, sent)
	}
	_, list := call(t, url, "/getReceivedEdocList", "B", "sb", map[string]string{hub.HeaderMessageType: "edoc"}, nil)
	var ks []hub.Knobstick
	if err := json.Unmarshal(list.Data, &ks); err != nil || len(ks) != 1 || ks[0].DocID != sent.DocID || ks[0].From != "000.00.00.H41" || ks[0].To != "000.00.00.H49" {
		t.Fatalf("received list %s, %v", list.Data, err)
	}
	_, got := call(t, url, "/getEdoc", "B", "sb", map[string]string{hub.HeaderDocID: sent.DocID}, nil)
	var b64 string
	_ = json.Unmarshal(got.Data, &b64)
	if body, _ := base64.StdEncoding.DecodeString(b64); !bytes.Equal(body, pkg) {
		t.Fatalf("getEdoc data = %q", body)
	}
	if code, _ := call(t, url, "/updateStatus", "B", "sb", map[string]string{hub.HeaderDocID: sent.DocID, hub.HeaderStatus: "done"}, nil); code != 200 {
		t.Fatalf("updateStatus: %d", code)
	}
	_, sl := call(t, url, "/getSentEdocList", "A", "sa", map[string]string{hub.HeaderDocID: sent.DocID}, nil)
	var ss []hub.SentStatus
	if err := json.Unmarshal(sl.Data, &ss); err != nil || len(ss) != 1 || ss[0].ReceiveStatus != "done" {
		t.Fatalf("sent list %s, %v", sl.Data, err)
	}
	// Long after delivery the content is purged: fetching it says so.
	if _, err := st.Purge(context.Background(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if code, r := call(t, url, "/getEdoc", "B", "sb", map[string]string{hub.HeaderDocID: sent.DocID}, nil); code != http.StatusGone || r.ErrorCode != "PURGED" {
		t.Fatalf("getEdoc after the purge: %d %+v", code, r)
	}
}
