// Package events names the topics and event types of eoffice and maps each
// type to its protobuf payload, so producers and consumers agree in one place.
package events

import (
	"fmt"
	"slices"
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
	TopicExchange      = "eoffice.exchange.v1"
)

// owners maps each topic to the one service that publishes on it; its
// events carry ce_source SourcePrefix+owner. Consumers drop what another
// source puts there (pkg/messaging): the broker does not authenticate.
var owners = map[string]string{
	TopicIdentity:      "identity",
	TopicDocuments:     "documents",
	TopicTasks:         "tasks",
	TopicNotifications: "notifications",
	TopicExchange:      "exchange",
}

// SourcePrefix turns a service name into the ce_source of its events.
const SourcePrefix = "/eoffice/"

// Source is the ce_source of the events a service publishes: /eoffice/<service>.
func Source(service string) string { return SourcePrefix + service }

// SourceOf returns the ce_source of the only service allowed to publish on
// topic; ok is false for a topic that is not ours.
func SourceOf(topic string) (string, bool) {
	owner, ok := owners[topic]
	if !ok {
		return "", false
	}
	return Source(owner), true
}

// SourceOfType is the ce_source of the service that publishes short, or "".
func SourceOfType(short string) string {
	topic, _ := TopicOf(short)
	src, _ := SourceOf(topic)
	return src
}

// CheckOrigin reports why an event of type short with ce_source source may
// not be on topic: its type belongs to another topic, or its source is not
// the topic's owner. nil means it may be.
func CheckOrigin(topic, short, source string) error {
	want, ok := TopicOf(short)
	if !ok {
		return fmt.Errorf("unknown event type %q", short)
	}
	if want != topic {
		return fmt.Errorf("type %s belongs on %s, not %s", short, want, topic)
	}
	if owner, _ := SourceOf(topic); source != owner {
		return fmt.Errorf("ce_source %q on %s, which only %s publishes on", source, topic, owner)
	}
	return nil
}

// TopicDLQAudit records what operators did with dead letters (replayed,
// dropped: by whom, when), keyed by the dead letter's topic/partition/offset.
// Compacted, not an event topic: it carries no CloudEvents and is not in
// Topics' consumer lists, but every broker creates it.
const TopicDLQAudit = "eoffice.dlq.audit.v1"

// DLQSuffix is appended to a topic's name to form its dead-letter topic.
const DLQSuffix = ".dlq"

// TypePrefix turns a short name ("task.assigned") into a ce_type.
const TypePrefix = "vn.eoffice."

// Short event names as API.md lists them.
const (
	UnitCreated        = "unit.created"
	UnitUpdated        = "unit.updated"
	UserCreated        = "user.created"
	UserUpdated        = "user.updated"
	UserDeactivated    = "user.deactivated"
	ClientCreated      = "client.created"
	ClientUpdated      = "client.updated"
	ClientDeactivated  = "client.deactivated"
	DocumentSubmitted  = "document.submitted"
	DocumentApproved   = "document.approved"
	DocumentRejected   = "document.rejected"
	DocumentIssued     = "document.issued"
	DocumentPdfReady   = "document.pdf_ready"
	PlanItemIssued     = "plan.item_issued"
	DocumentRegistered = "document.registered"
	DocumentDirected   = "document.directed"
	DocumentRevoked    = "document.revoked"
	// Documents from outside the deployment (exchange, paper) and their
	// handling, which exchange reports back to the sender as edXML statuses.
	DocumentReceived  = "document.received"
	DocumentRefused   = "document.refused"
	DocumentHandling  = "document.handling"
	DocumentCompleted = "document.completed"
	// One step of an incoming document's routing (chuyển xử lý).
	DocumentRouted = "document.routed"
	// A head's authorisation (ủy quyền) of a person of their agency.
	AuthorisationGranted = "authorisation.granted"
	AuthorisationRevoked = "authorisation.revoked"

	TaskAssigned           = "task.assigned"
	TaskAccepted           = "task.accepted"
	TaskDelegated          = "task.delegated"
	TaskReportSubmitted    = "task.report_submitted"
	TaskReportReviewed     = "task.report_reviewed"
	TaskCompleted          = "task.completed"
	TaskExtensionRequested = "task.extension_requested"
	TaskExtensionDecided   = "task.extension_decided"
	TaskDueSoon            = "task.due_soon"
	TaskOverdue            = "task.overdue"
	TaskEscalated          = "task.escalated"
	TaskWeeklyDigest       = "task.weekly_digest"
	TaskCancelled          = "task.cancelled"
	TaskReportRequested    = "task.report_requested"
	TaskReportDue          = "task.report_due"

	EmailSent     = "email.sent"
	EmailFailed   = "email.failed"
	WebhookFailed = "webhook.failed"

	ExchangeDocumentReceived = "exchange.document_received"
	ExchangePackageRefused   = "exchange.package_refused"
	ExchangePackageSent      = "exchange.package_sent"
	ExchangeStatusReceived   = "exchange.status_received"
)

type entry struct {
	topic string
	new   func() proto.Message
}

var registry = map[string]entry{
	UnitCreated:          {TopicIdentity, func() proto.Message { return &eventsv1.UnitCreated{} }},
	UnitUpdated:          {TopicIdentity, func() proto.Message { return &eventsv1.UnitUpdated{} }},
	UserCreated:          {TopicIdentity, func() proto.Message { return &eventsv1.UserCreated{} }},
	UserUpdated:          {TopicIdentity, func() proto.Message { return &eventsv1.UserUpdated{} }},
	UserDeactivated:      {TopicIdentity, func() proto.Message { return &eventsv1.UserDeactivated{} }},
	ClientCreated:        {TopicIdentity, func() proto.Message { return &eventsv1.ClientCreated{} }},
	ClientUpdated:        {TopicIdentity, func() proto.Message { return &eventsv1.ClientUpdated{} }},
	ClientDeactivated:    {TopicIdentity, func() proto.Message { return &eventsv1.ClientDeactivated{} }},
	DocumentSubmitted:    {TopicDocuments, func() proto.Message { return &eventsv1.DocumentSubmitted{} }},
	DocumentApproved:     {TopicDocuments, func() proto.Message { return &eventsv1.DocumentApproved{} }},
	DocumentRejected:     {TopicDocuments, func() proto.Message { return &eventsv1.DocumentRejected{} }},
	DocumentIssued:       {TopicDocuments, func() proto.Message { return &eventsv1.DocumentIssued{} }},
	DocumentPdfReady:     {TopicDocuments, func() proto.Message { return &eventsv1.DocumentPdfReady{} }},
	PlanItemIssued:       {TopicDocuments, func() proto.Message { return &eventsv1.PlanItemIssued{} }},
	DocumentRegistered:   {TopicDocuments, func() proto.Message { return &eventsv1.DocumentRegistered{} }},
	DocumentDirected:     {TopicDocuments, func() proto.Message { return &eventsv1.DocumentDirected{} }},
	DocumentRouted:       {TopicDocuments, func() proto.Message { return &eventsv1.DocumentRouted{} }},
	DocumentRevoked:      {TopicDocuments, func() proto.Message { return &eventsv1.DocumentRevoked{} }},
	AuthorisationGranted: {TopicDocuments, func() proto.Message { return &eventsv1.AuthorisationGranted{} }},
	AuthorisationRevoked: {TopicDocuments, func() proto.Message { return &eventsv1.AuthorisationRevoked{} }},
	DocumentReceived:     {TopicDocuments, func() proto.Message { return &eventsv1.DocumentReceived{} }},
	DocumentRefused:      {TopicDocuments, func() proto.Message { return &eventsv1.DocumentRefused{} }},
	DocumentHandling:     {TopicDocuments, func() proto.Message { return &eventsv1.DocumentHandling{} }},
	DocumentCompleted:    {TopicDocuments, func() proto.Message { return &eventsv1.DocumentCompleted{} }},

	TaskAssigned:           {TopicTasks, func() proto.Message { return &eventsv1.TaskAssigned{} }},
	TaskAccepted:           {TopicTasks, func() proto.Message { return &eventsv1.TaskAccepted{} }},
	TaskDelegated:          {TopicTasks, func() proto.Message { return &eventsv1.TaskDelegated{} }},
	TaskReportSubmitted:    {TopicTasks, func() proto.Message { return &eventsv1.TaskReportSubmitted{} }},
	TaskReportReviewed:     {TopicTasks, func() proto.Message { return &eventsv1.TaskReportReviewed{} }},
	TaskCompleted:          {TopicTasks, func() proto.Message { return &eventsv1.TaskCompleted{} }},
	TaskExtensionRequested: {TopicTasks, func() proto.Message { return &eventsv1.TaskExtensionRequested{} }},
	TaskExtensionDecided:   {TopicTasks, func() proto.Message { return &eventsv1.TaskExtensionDecided{} }},
	TaskDueSoon:            {TopicTasks, func() proto.Message { return &eventsv1.TaskDueSoon{} }},
	TaskOverdue:            {TopicTasks, func() proto.Message { return &eventsv1.TaskOverdue{} }},
	TaskEscalated:          {TopicTasks, func() proto.Message { return &eventsv1.TaskEscalated{} }},
	TaskWeeklyDigest:       {TopicTasks, func() proto.Message { return &eventsv1.TaskWeeklyDigest{} }},
	TaskReportRequested:    {TopicTasks, func() proto.Message { return &eventsv1.TaskReportRequested{} }},
	TaskReportDue:          {TopicTasks, func() proto.Message { return &eventsv1.TaskReportDue{} }},
	TaskCancelled:          {TopicTasks, func() proto.Message { return &eventsv1.TaskCancelled{} }},

	EmailSent:     {TopicNotifications, func() proto.Message { return &eventsv1.EmailSent{} }},
	EmailFailed:   {TopicNotifications, func() proto.Message { return &eventsv1.EmailFailed{} }},
	WebhookFailed: {TopicNotifications, func() proto.Message { return &eventsv1.WebhookFailed{} }},

	ExchangeDocumentReceived: {TopicExchange, func() proto.Message { return &eventsv1.ExchangeDocumentReceived{} }},
	ExchangePackageRefused:   {TopicExchange, func() proto.Message { return &eventsv1.ExchangePackageRefused{} }},
	ExchangePackageSent:      {TopicExchange, func() proto.Message { return &eventsv1.ExchangePackageSent{} }},
	ExchangeStatusReceived:   {TopicExchange, func() proto.Message { return &eventsv1.ExchangeStatusReceived{} }},
}

// All lists every registered short name (for webhooks' event_types, docs).
func All() []string {
	out := make([]string, 0, len(registry))
	for k := range registry {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
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
	base := []string{TopicIdentity, TopicDocuments, TopicTasks, TopicNotifications, TopicExchange}
	out := make([]string, 0, 2*len(base))
	for _, t := range base {
		out = append(out, t, t+DLQSuffix)
	}
	return out
}
