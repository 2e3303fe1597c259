package transport

import (
	"slices"
	"testing"
)

func TestPeek(t *testing.T) {
	cases := []struct {
		name, body string
		want       Header
		wantErr    bool
	}{
		{
			name: "prefixed package",
			body: `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope><edXML:edXMLHeader>
<edXML:MessageHeader><edXML:From><edXML:OrganId>000.00.00.H41</edXML:OrganId></edXML:From>
<edXML:To><edXML:OrganId>000.00.00.H49</edXML:OrganId></edXML:To><edXML:DocumentId>abc-1</edXML:DocumentId>
<edXML:ResponseFor><edXML:DocumentId>other</edXML:DocumentId></edXML:ResponseFor></edXML:MessageHeader>
</edXML:edXMLHeader></edXML:edXMLEnvelope><edXML:AttachmentEncoded>not even xml &bogus;</edXML:AttachmentEncoded></edXML:edXML>`,
			want: Header{Type: TypeEdoc, From: "000.00.00.H41", To: []string{"000.00.00.H49"}, DocumentID: "abc-1"},
		},
		{
			name: "default namespace status",
			body: `<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<From><OrganId> 000.00.00.H49 </OrganId></From><ResponseFor><OrganId>000.00.00.H41</OrganId><DocumentId>abc-1</DocumentId></ResponseFor>
<StatusCode>03</StatusCode></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`,
			want: Header{Type: TypeStatus, From: "000.00.00.H49"},
		},
		{name: "not edXML", body: `<html></html>`, wantErr: true},
		{name: "empty", body: ``, wantErr: true},
		{name: "broken", body: `<edXML><edXMLEnvelope>`, wantErr: true},
		{name: "entity", body: `<!DOCTYPE edXML [<!ENTITY x "y">]><edXML><edXMLEnvelope><edXMLHeader><MessageHeader><DocumentId>&x;</DocumentId></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`, wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Peek([]byte(c.body))
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if c.wantErr {
				return
			}
			if got.Type != c.want.Type || got.From != c.want.From || got.DocumentID != c.want.DocumentID || !slices.Equal(got.To, c.want.To) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
		})
	}
}
