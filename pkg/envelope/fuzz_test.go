package envelope

import (
	"errors"
	"testing"

	"github.com/segmentio/kafka-go"
)

// FuzzDecode feeds arbitrary headers and payloads through the consumer's
// decoding path: it may refuse them (ErrMalformed), never crash.
func FuzzDecode(f *testing.F) {
	f.Add("id-1", "vn.eoffice.task.assigned", "1.0", "2026-11-25T10:00:00Z", []byte(`{"task_id":"t1","due_date":"2026-12-31"}`))
	f.Add("", "", "", "", []byte(nil))
	f.Add("x", "vn.eoffice.document.issued", "1.0", "not a time", []byte(`{"recipient_unit_ids":[1,2]}`))
	f.Add("x", "vn.eoffice.unit.created", "1.0", "", []byte(`{"unit_id":"\u0000","active":"yes"}`))
	f.Fuzz(func(t *testing.T, id, typ, spec, ts string, value []byte) {
		m := kafka.Message{Value: value, Headers: []kafka.Header{
			{Key: HeaderID, Value: []byte(id)},
			{Key: HeaderType, Value: []byte(typ)},
			{Key: HeaderSpecVersion, Value: []byte(spec)},
			{Key: HeaderTime, Value: []byte(ts)},
		}}
		ev, err := FromMessage(m)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("FromMessage error %v is not ErrMalformed", err)
			}
			return
		}
		if _, err := ev.Payload(); err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("Payload error %v is not ErrMalformed", err)
		}
	})
}
