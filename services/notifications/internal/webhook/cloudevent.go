package webhook

import (
	"encoding/json"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
)

// cloudEvent is the CloudEvents 1.0 structured JSON form of an event.
type cloudEvent struct {
	SpecVersion     string          `json:"specversion"`
	ID              string          `json:"id"`
	Type            string          `json:"type"`
	Source          string          `json:"source"`
	Subject         string          `json:"subject,omitempty"`
	Time            string          `json:"time"`
	DataContentType string          `json:"datacontenttype"`
	Data            json.RawMessage `json:"data"`
}

// ContentType of a delivery.
const ContentType = "application/cloudevents+json"

// Body is ev as CloudEvents structured JSON: id is the event's ce_id, so a
// receiver drops a repeat by it.
func Body(ev envelope.Event) ([]byte, error) {
	data := json.RawMessage(ev.Data)
	if len(data) == 0 || !json.Valid(data) {
		data = json.RawMessage("{}")
	}
	return json.Marshal(cloudEvent{
		SpecVersion: "1.0", ID: ev.ID, Type: ev.Type, Source: ev.Source, Subject: ev.Subject,
		Time: ev.Time.UTC().Format(time.RFC3339Nano), DataContentType: envelope.ContentType, Data: data,
	})
}
