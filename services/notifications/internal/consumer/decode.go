package consumer

import (
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
)

// decode reads ev's payload into msg. A payload that does not decode never
// will, so it goes to the dead-letter topic at once.
func decode(ev envelope.Event, msg proto.Message) error {
	if err := ev.Decode(msg); err != nil {
		return messaging.Permanent(err)
	}
	return nil
}
