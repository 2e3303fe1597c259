// Package eventdoc describes the published events for integrators from the
// registered protobuf messages (pkg/events): the field tables of
// proto/EVENTS.md and the AsyncAPI document proto/asyncapi.yaml. Tests keep
// both files equal to what the schemas say.
package eventdoc

import (
	"fmt"
	"sort"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
)

// Markdown lists every event type per topic with its payload's fields, and
// the messages they share.
func Markdown() string {
	var b strings.Builder
	shared := map[protoreflect.FullName]protoreflect.MessageDescriptor{}
	for _, topic := range Topics() {
		fmt.Fprintf(&b, "\n### Topic `%s`\n", topic)
		for _, short := range typesOf(topic) {
			md := descriptor(short)
			fmt.Fprintf(&b, "\n#### `%s`\n\n`ce_type: %s`, payload `%s`, webhooks: %s\n\n| field | type |\n|---|---|\n",
				short, events.Type(short), md.FullName(), webhookAudience(short))
			writeFields(&b, md, shared)
		}
	}
	if len(shared) > 0 {
		b.WriteString("\n### Shared messages\n")
		for _, md := range sortedMessages(shared) {
			fmt.Fprintf(&b, "\n#### `%s`\n\n| field | type |\n|---|---|\n", md.FullName())
			writeFields(&b, md, shared)
		}
	}
	return b.String()
}

// webhookAudience says which webhooks receive an event type (the map in
// pkg/auth/scopes.go).
func webhookAudience(short string) string {
	if scope, ok := auth.EventScope(short); ok {
		return "clients with `" + scope + "`"
	}
	return "administrators only"
}

// Topics are the published topics, without their dead-letter twins.
func Topics() []string {
	var out []string
	for _, t := range events.Topics() {
		if !strings.HasSuffix(t, events.DLQSuffix) {
			out = append(out, t)
		}
	}
	return out
}

// typesOf is the short event types published on topic, sorted.
func typesOf(topic string) []string {
	var out []string
	for _, short := range events.All() {
		if t, _ := events.TopicOf(short); t == topic {
			out = append(out, short)
		}
	}
	sort.Strings(out)
	return out
}

func descriptor(short string) protoreflect.MessageDescriptor {
	return events.NewPayload(short).ProtoReflect().Descriptor()
}

func writeFields(b *strings.Builder, md protoreflect.MessageDescriptor, shared map[protoreflect.FullName]protoreflect.MessageDescriptor) {
	fs := md.Fields()
	for i := 0; i < fs.Len(); i++ {
		f := fs.Get(i)
		typ := f.Kind().String()
		switch f.Kind() {
		case protoreflect.MessageKind:
			typ = string(f.Message().Name())
			shared[f.Message().FullName()] = f.Message()
		case protoreflect.EnumKind:
			typ = string(f.Enum().Name())
		}
		if f.IsList() {
			typ = "repeated " + typ
		}
		fmt.Fprintf(b, "| `%s` | %s |\n", f.Name(), typ)
	}
}

func sortedMessages(m map[protoreflect.FullName]protoreflect.MessageDescriptor) []protoreflect.MessageDescriptor {
	out := make([]protoreflect.MessageDescriptor, 0, len(m))
	for _, md := range m {
		out = append(out, md)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FullName() < out[j].FullName() })
	return out
}
