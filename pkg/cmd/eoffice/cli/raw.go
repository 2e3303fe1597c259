package cli

import "encoding/json"

// rawJSON keeps an answer as it came: --json prints it untouched, tables
// decode what they show from it.
type rawJSON []byte

func (r *rawJSON) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}

func (r rawJSON) msg() json.RawMessage { return json.RawMessage(r) }

func (r rawJSON) decode(v any) error { return json.Unmarshal(r, v) }
