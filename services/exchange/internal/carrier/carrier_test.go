package carrier_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/carrier"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/transport/folder"
)

type nobody struct{ transport.Transport }

func (nobody) Send(context.Context, string, transport.Message) (string, error) {
	return "", transport.ErrUnknownRecipient
}

func TestAdapter(t *testing.T) {
	ctx := context.Background()
	if _, err := carrier.Adapt(nobody{}).Send(ctx, "k", app.Message{}); !errors.Is(err, app.ErrUnknownRecipient) {
		t.Fatalf("unknown recipient = %v", err)
	}
	in, out := t.TempDir(), t.TempDir()
	f, err := folder.New(in, out)
	if err != nil {
		t.Fatal(err)
	}
	tr := carrier.Adapt(f)
	ref, err := tr.Send(ctx, "m1", app.Message{Type: "edoc", From: "a", To: "b", Body: []byte("<x/>")})
	if err != nil || ref != "m1.edxml" {
		t.Fatalf("send = %q, %v", ref, err)
	}
}

func admin() auth.Principal { return auth.Principal{Subject: "admin", Roles: []string{auth.RoleAdmin}} }

func must[T any](_ T, rc io.ReadCloser, err error) io.ReadCloser {
	if err != nil {
		panic(err)
	}
	return rc
}
