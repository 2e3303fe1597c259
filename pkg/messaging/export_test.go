package messaging

// NewWriter is newWriter, for tests of the writers' settings.
var NewWriter = newWriter
