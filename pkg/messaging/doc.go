// Package messaging moves eoffice events between services through Kafka:
// a transactional outbox on the producing side, an idempotent inbox on the
// consuming side (ARCHITECTURE.md, Messaging). Delivery is at least once on
// the wire and exactly once in effect, per consumer group.
//
// Producing: call Migrate at start, then in the transaction that changes
// state
//
//	ev, err := envelope.New(ctx, "/eoffice/documents", events.DocumentIssued, docID, payload)
//	err = outbox.Add(ctx, tx, ev)
//
// and run outbox.Run in the service's run group. Create the event inside
// the transaction, after the change it reports: its id (uuid v7) then
// orders it after every earlier event of the same aggregate. The rows
// commit with the state change or not at all; the relay publishes them
// after the commit (which wakes it) in id order, keyed by the aggregate id,
// and marks them sent. A row published but not yet marked when the process
// dies is published again at the next start, and consumers absorb the
// duplicate. Two replicas on one PostgreSQL database take turns: each batch
// runs in a transaction holding an advisory lock (claim.go), so no row is
// published twice and rows keep their order. SQLite is opened by one
// process only and publishes without holding a transaction.
//
// Consuming: NewConsumer with a Handler per short event type, then Run. The
// consumer takes the messages already fetched (up to BatchSize) and runs
// their handlers in order in one transaction, each after its inbox row
// (consumer group, ce_id), so a redelivered event changes nothing; the
// batch's Kafka offsets are committed once, after that transaction. When a
// handler fails the batch rolls back: the messages before it are handled
// again on their own, then the failing one alone, with retries (MaxAttempts,
// at most RetryBudget), then the rest (batch.go). A failure the handler
// marks Lagging (what it needs is still on its way from another stream)
// spends no attempt and waits up to LagBudget instead. A handler that emits
// events calls Outbox.Add with the transaction it was given. Permanent
// errors, exhausted retries, unknown types and malformed messages go to
// "<topic>.dlq" with the reason in headers, and the consumer moves on.
//
// Tracing: the relay starts a producer span per event as a child of the
// span the event was created in, and sends the producer span in the
// headers; the consumer span is its child and is in the handler's ctx.
//
// The inbox keeps one small row per handled event and is not pruned: a row
// removed too early would let a late redelivery run twice.
package messaging
