package stack

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The service secrets are made once in the data folder (owner only), the
// same after a restart, and a value in the environment wins.
func TestServiceSecrets(t *testing.T) {
	dir := t.TempDir()
	first, err := withServiceSecrets([]string{"A=1", "EOFFICE_EXCHANGE_SECRET=operator's"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	again, err := withServiceSecrets([]string{"A=1", "EOFFICE_EXCHANGE_SECRET=operator's"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first, again) {
		t.Fatalf("secrets changed across starts:\n%q\n%q", first, again)
	}
	got := map[string]string{}
	for _, kv := range first {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = v
	}
	for _, key := range []string{"EOFFICE_DOCUMENTS_CLIENT_SECRET", "EOFFICE_EXCHANGE_CLIENT_SECRET", "EOFFICE_EXCHANGE_SYSTEM_ID"} {
		if len(got[key]) < 40 {
			t.Errorf("%s = %q, want a generated secret", key, got[key])
		}
		st, err := os.Stat(filepath.Join(dir, ServiceSecrets[key]))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s's file: %v %v", key, st, err)
		}
	}
	if got["EOFFICE_DOCUMENTS_CLIENT_SECRET"] == got["EOFFICE_EXCHANGE_CLIENT_SECRET"] {
		t.Error("two clients share a secret")
	}
	// Another data folder (another deployment on the same machine and hub)
	// gets another system id.
	other, err := withServiceSecrets(nil, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(other, "EOFFICE_EXCHANGE_SYSTEM_ID="+got["EOFFICE_EXCHANGE_SYSTEM_ID"]) {
		t.Error("two data folders share an exchange system id")
	}
	if got["EOFFICE_EXCHANGE_SECRET"] != "operator's" || fileExists(filepath.Join(dir, ServiceSecrets["EOFFICE_EXCHANGE_SECRET"])) {
		t.Errorf("a secret in the environment was replaced: %q", got["EOFFICE_EXCHANGE_SECRET"])
	}
}

// The hub runs on its port unless EOFFICE_HUB_ADDR is set empty.
func TestHubPart(t *testing.T) {
	t.Setenv("EOFFICE_DATA_DIR", t.TempDir())
	for _, c := range []struct {
		env     *string
		wantHub string
	}{
		{nil, "127.0.0.1:8086"},
		{ptr("127.0.0.1:9186"), "127.0.0.1:9186"},
		{ptr(""), ""},
	} {
		if c.env == nil {
			t.Setenv("EOFFICE_HUB_ADDR", "") // restored after the test
			os.Unsetenv("EOFFICE_HUB_ADDR")
		} else {
			t.Setenv("EOFFICE_HUB_ADDR", *c.env)
		}
		cfg, err := ConfigFromEnv("/bin", &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range cfg.Parts() {
			names = append(names, p.Name)
		}
		hasHub := slices.Contains(names, "hub")
		if cfg.HubAddr != c.wantHub || hasHub != (c.wantHub != "") || !slices.Contains(cfg.Env, "EOFFICE_HUB_ADDR="+c.wantHub) {
			t.Errorf("EOFFICE_HUB_ADDR %v: hub %q, parts %v", c.env, cfg.HubAddr, names)
		}
		if !slices.Contains(names, "exchange") || cfg.Addrs["exchange"] != "127.0.0.1:8085" {
			t.Errorf("exchange not in the stack: %v %v", names, cfg.Addrs)
		}
	}
}

func ptr(s string) *string { return &s }
