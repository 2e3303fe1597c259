package store

// ExpireSentEmailsInBatches is ExpireSentEmails with a batch size of the
// test's choosing, so that a few rows take several rounds.
var ExpireSentEmailsInBatches = (*Store).expireSentEmails

// ExpireDeliveriesInBatches is ExpireDeliveries with a batch size of the
// test's choosing.
var ExpireDeliveriesInBatches = (*Store).expireDeliveries
