package store

// SetWALRestartFrames sets walRestartFrames for a test and returns what
// puts it back.
func SetWALRestartFrames(n int) (restore func()) {
	old := walRestartFrames
	walRestartFrames = n
	return func() { walRestartFrames = old }
}
