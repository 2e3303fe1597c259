// Package events names the topics and event types of eoffice and maps each
// type to its protobuf payload, so producers and consumers agree in one place.
package events

import (
	"strings"

	"google.golang.org/protobuf/proto"

	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// Topics, one per producing service. Every topic has a dead-letter twin.
const (
	TopicIdentity      = "eoffice.identity.v1"
	TopicDocuments     = "eoffice.documents.v1"
	TopicTasks         = "eoffice.tasks.v1"
	TopicNotifications = "eoffice.notifications.v1"
)

// DLQSuffix is appended to a topic's name to form its dead-letter topic.
const DLQSuffix = ".dlq"

// TypePrefix turns a short name ("task.assigned") into a ce_type.
const TypePrefix = "vn.eoffice."

// Short event names as API.md lists them.
const (
	UnitCreated       = "unit.created"
	UnitUpdated       = "unit.updated"
	UserCreated       = "user.created"
	UserUpdated       = "user.updated"
	UserDeactivated   = "user.deactivated"
	DocumentSubmitted = "document.submitted"
	DocumentApproved  = "document.approved"
	DocumentRejected  = "document.rejected"
	DocumentIssued    = "document.issued"
	TaskAssigned      = "task.assigned"
)

type entry struct {
	topic string
	new   func() proto.Message
}

var registry = map[string]entry{
	UnitCreated:       {TopicIdentity, func() proto.Message { return &eventsv1.UnitCreated{} }},
	UnitUpdated:       {TopicIdentity, func() proto.Message { return &eventsv1.UnitUpdated{} }},
	UserCreated:       {TopicIdentity, func() proto.Message { return &eventsv1.UserCreated{} }},
	UserUpdated:       {TopicIdentity, func() proto.Message { return &eventsv1.UserUpdated{} }},
	UserDeactivated:   {TopicIdentity, func() proto.Message { return &eventsv1.UserDeactivated{} }},
	DocumentSubmitted: {TopicDocuments, func() proto.Message { return &eventsv1.DocumentSubmitted{} }},
	DocumentApproved:  {TopicDocuments, func() proto.Message { return &eventsv1.DocumentApproved{} }},
	DocumentRejected:  {TopicDocuments, func() proto.Message { return &eventsv1.DocumentRejected{} }},
	DocumentIssued:    {TopicDocuments, func() proto.Message { return &eventsv1.DocumentIssued{} }},
	TaskAssigned:      {TopicTasks, func() proto.Message { return &eventsv1.TaskAssigned{} }},
}

// Type returns the CloudEvents type of a short name: "vn.eoffice.task.assigned".
func Type(short string) string { return TypePrefix + short }

// Short strips the prefix from a CloudEvents type; ok is false for a type
// that is not ours.
func Short(ceType string) (string, bool) {
	s, ok := strings.CutPrefix(ceType, TypePrefix)
	if !ok {
		return "", false
	}
	_, known := registry[s]
	return s, known
}

// Known reports whether the short name is a registered event type.
func Known(short string) bool { _, ok := registry[short]; return ok }

// TopicOf returns the topic an event type is published on.
func TopicOf(short string) (string, bool) {
	e, ok := registry[short]
	return e.topic, ok
}

// NewPayload returns an empty payload message for a short name, or nil.
func NewPayload(short string) proto.Message {
	e, ok := registry[short]
	if !ok {
		return nil
	}
	return e.new()
}

// Topics lists every topic with its dead-letter topic, for seeding a broker.
func Topics() []string {
	base := []string{TopicIdentity, TopicDocuments, TopicTasks, TopicNotifications}
	out := make([]string, 0, 2*len(base))
	for _, t := range base {
		out = append(out, t, t+DLQSuffix)
	}
	return out
}
