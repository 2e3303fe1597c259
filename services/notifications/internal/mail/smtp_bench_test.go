package mail_test

import (
	"context"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/testtls"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

// BenchmarkSMTPSend: one e-mail over SMTPS with AUTH PLAIN to the
// in-process server, on the kept connection ("reused") and on a new
// connection each time ("dialled": TCP, TLS handshake, EHLO, AUTH), as the
// hand-written client did.
func BenchmarkSMTPSend(b *testing.B) {
	ca := testtls.New(b)
	srv := testsmtp.Start(b, testsmtp.SMTPS(ca.ServerConfig("127.0.0.1")), testsmtp.RequireAuth("eoffice", "mat-khau"))
	e := domain.Email{ID: "n1", MessageID: domain.MessageIDFor("n1"), ToName: "Trần Văn Hùng", ToAddr: "hung@example.vn",
		Subject: "[Hỏa tốc] Nhiệm vụ mới", Text: "Nội dung", HTML: "<p>Nội dung</p>", CreatedAt: time.Now()}
	for _, reuse := range []bool{true, false} {
		name := map[bool]string{true: "reused", false: "dialled"}[reuse]
		b.Run(name, func(b *testing.B) {
			tr, err := mail.NewSMTP(mail.SMTPConfig{Addr: srv.Addr, Mode: mail.ModeSMTPS, User: "eoffice", Password: "mat-khau",
				RootCAs: ca.Pool(), From: from})
			if err != nil {
				b.Fatal(err)
			}
			defer tr.Close()
			before := srv.Connections()
			for b.Loop() {
				if err := tr.Send(context.Background(), e); err != nil {
					b.Fatal(err)
				}
				if !reuse {
					tr.Close()
				}
			}
			b.ReportMetric(float64(srv.Connections()-before)/float64(b.N), "conns/op")
		})
	}
}
