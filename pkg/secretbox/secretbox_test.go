package secretbox_test

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/secretbox/secretboxtest"
)

func TestSealOpenRotate(t *testing.T) {
	k1, k2, k3 := secretboxtest.Key(t), secretboxtest.Key(t), secretboxtest.Key(t)
	b1 := secretboxtest.Box(t, k1)
	sealed, err := b1.Seal("hush", "row:1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "hush") || !strings.HasPrefix(sealed, "v1:"+b1.CurrentKeyID()+":") || !secretbox.IsSealed(sealed) {
		t.Fatalf("sealed = %q", sealed)
	}
	tests := []struct {
		name      string
		box       *secretbox.Box
		value     string
		context   string
		want      string
		wantStale bool
		wantErr   error
	}{
		{"same key", b1, sealed, "row:1", "hush", false, nil},
		{"rotated: old key still opens, stale", secretboxtest.Box(t, k2, k1), sealed, "row:1", "hush", true, nil},
		{"key dropped from the settings", secretboxtest.Box(t, k2), sealed, "row:1", "", false, secretbox.ErrUnknownKey},
		{"wrong key: fails, naming the key it needs", secretboxtest.Box(t, k3, k2), sealed, "row:1", "", false, secretbox.ErrUnknownKey},
		{"moved to another row", b1, sealed, "row:2", "", false, secretbox.ErrCorrupt},
		{"altered", b1, sealed[:len(sealed)-2] + "AA", "row:1", "", false, secretbox.ErrCorrupt},
		{"plaintext from before encryption", b1, "legacy-secret", "row:1", "legacy-secret", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stale, err := tt.box.Open(tt.value, tt.context)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want || stale != tt.wantStale {
				t.Errorf("Open = %q stale %v, want %q stale %v", got, stale, tt.want, tt.wantStale)
			}
		})
	}
	if _, err := secretbox.New(k1[:16]); err == nil {
		t.Error("a 16-byte key was accepted")
	}
}

func TestFromEnv(t *testing.T) {
	k1, k2 := secretboxtest.Key(t), secretboxtest.Key(t)
	enc := b64
	t.Run("production without a key refuses", func(t *testing.T) {
		t.Setenv(secretbox.EnvKey, "")
		_, err := secretbox.FromEnv(t.TempDir(), false)
		if err == nil || !strings.Contains(err.Error(), secretbox.EnvKey) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("bad keys are named", func(t *testing.T) {
		for _, env := range [][2]string{{enc(k1)[:10], ""}, {"not base64!", ""}, {enc(k1), enc(k2) + ",short"}} {
			t.Setenv(secretbox.EnvKey, env[0])
			t.Setenv(secretbox.EnvOldKeys, env[1])
			if _, err := secretbox.FromEnv(t.TempDir(), false); err == nil {
				t.Errorf("%q / %q accepted", env[0], env[1])
			}
		}
	})
	t.Run("current and old", func(t *testing.T) {
		t.Setenv(secretbox.EnvKey, enc(k2))
		t.Setenv(secretbox.EnvOldKeys, " "+enc(k1)+" ,")
		b, err := secretbox.FromEnv(t.TempDir(), false)
		if err != nil {
			t.Fatal(err)
		}
		sealed, _ := secretboxtest.Box(t, k1).Seal("x", "c")
		if got, stale, err := b.Open(sealed, "c"); err != nil || got != "x" || !stale {
			t.Fatalf("Open = %q %v %v", got, stale, err)
		}
	})
	t.Run("one machine generates once, 0600, and every service agrees", func(t *testing.T) {
		t.Setenv(secretbox.EnvKey, "")
		t.Setenv(secretbox.EnvOldKeys, "")
		dir := t.TempDir()
		var wg sync.WaitGroup
		ids := make([]string, 8)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b, err := secretbox.FromEnv(dir, true)
				if err != nil {
					t.Error(err)
					return
				}
				ids[i] = b.CurrentKeyID()
			}()
		}
		wg.Wait()
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("services disagree on the key: %v", ids)
			}
		}
		st, err := os.Stat(filepath.Join(dir, secretbox.KeyFile))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("key file: %v, mode %v", err, st.Mode())
		}
		again, err := secretbox.FromEnv(dir, true)
		if err != nil || again.CurrentKeyID() != ids[0] {
			t.Fatalf("after a restart: %v, %v", again, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("left files behind: %v", entries)
		}
	})
}

func b64(raw []byte) string { return base64.StdEncoding.EncodeToString(raw) }

func TestReseal(t *testing.T) {
	k1, k2 := secretboxtest.Key(t), secretboxtest.Key(t)
	old, _ := secretboxtest.Box(t, k1).Seal("hush", "c")
	b := secretboxtest.Box(t, k2, k1)
	current, _ := b.Seal("hush", "c")
	for _, tt := range []struct {
		name, value string
		changed     bool
	}{{"old key", old, true}, {"plaintext", "hush", true}, {"current key", current, false}, {"empty", "", false}} {
		got, changed, err := b.Reseal(tt.value, "c")
		if err != nil || changed != tt.changed {
			t.Fatalf("%s: changed %v, %v", tt.name, changed, err)
		}
		if !changed && got != tt.value {
			t.Errorf("%s: unchanged value rewritten", tt.name)
		}
		if plain, stale, err := b.Open(got, "c"); tt.value != "" && (err != nil || stale || plain != "hush") {
			t.Errorf("%s: after reseal %q stale %v %v", tt.name, plain, stale, err)
		}
	}
}
