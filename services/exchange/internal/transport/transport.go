// Package transport is how the exchange service hands edXML messages to
// other agencies' systems and receives theirs: one interface, several
// carriers (the national platform's gateway or our own hub through vdxp,
// a pair of folders through folder).
package transport

import (
	"context"
	"errors"
)

// Message types, as the gateway names them.
const (
	TypeEdoc   = "edoc"   // a document package
	TypeStatus = "status" // an edXML status message about a package
)

// MaxBody bounds one message's bytes anywhere a carrier reads one: above
// edXML's package limit (100 MiB) so that an oversized package still
// arrives whole enough to be refused with a reason.
const MaxBody = 120 << 20

// ErrUnknownRecipient is returned by Send when the gateway knows no system
// receiving for the message's To code: the sender must be told, not retry.
var ErrUnknownRecipient = errors.New("no system receives for that organisation code")

// Message is one edXML message travelling between systems.
type Message struct {
	Ref      string // the gateway's id for it (vdxp/hub) or the file name (folder)
	Type     string // "edoc" or "status"
	From, To string // organisation codes
	Body     []byte // the edXML
}

// Transport carries messages to and from the outside.
type Transport interface {
	// Send hands one message over; key (the package's id in our store) makes a retried Send
	// of the same message a no-op at the gateway. Returns the gateway's ref.
	Send(ctx context.Context, key string, m Message) (ref string, err error)
	// Pending lists messages addressed to our organisations not yet acknowledged (bodies included).
	Pending(ctx context.Context, max int) ([]Message, error)
	// Ack tells the gateway a message is stored on our side (it is not offered again).
	Ack(ctx context.Context, ref string) error
	// Delivered reports whether the recipient system has acknowledged the message we sent.
	Delivered(ctx context.Context, ref string) (bool, error)
	// Announce tells the gateway which organisation codes this system receives for.
	Announce(ctx context.Context, codes []string) error
}
