package signing_test

import "testing"

func allStores(t testing.TB) []store {
	return []store{localStore(t)}
}
