package envconf

import (
	"strings"
	"testing"
)

func TestEnvBool(t *testing.T) {
	for _, c := range []struct {
		value   string
		def     bool
		want    bool
		wantErr bool
	}{
		{"", false, false, false},
		{"", true, true, false},
		{"true", false, true, false},
		{" 1 ", false, true, false},
		{"false", true, false, false},
		{"yes", false, false, true},
	} {
		t.Setenv("EOFFICE_TEST_BOOL", c.value)
		got, err := EnvBool("EOFFICE_TEST_BOOL", c.def)
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("%q (default %v): %v, %v; want %v, error %v", c.value, c.def, got, err, c.want, c.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "EOFFICE_TEST_BOOL") {
			t.Errorf("the error does not name the setting: %v", err)
		}
	}
}

func TestMaxAttachment(t *testing.T) {
	for _, c := range []struct {
		value   string
		want    int64
		wantErr bool
	}{
		{"", DefaultMaxAttachment, false},
		{"1048576", 1 << 20, false},
		{"0", 0, true},
		{"-5", 0, true},
		{"20MB", 0, true},
	} {
		t.Setenv("EOFFICE_MAX_ATTACHMENT_BYTES", c.value)
		got, err := MaxAttachment()
		if (err != nil) != c.wantErr || got != c.want {
			t.Errorf("%q: %d, %v; want %d, error %v", c.value, got, err, c.want, c.wantErr)
		}
	}
}
