package storetest

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// MigrationsBefore is the goose files of migrations (at its root) whose
// names sort before first ("00005"): the schema of an older version, to
// fill with rows before the newer migrations run over them.
func MigrationsBefore(t testing.TB, migrations fs.FS, first string) fs.FS {
	t.Helper()
	old := fstest.MapFS{}
	err := fs.WalkDir(migrations, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path >= first {
			return err
		}
		b, err := fs.ReadFile(migrations, path)
		old[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return old
}
