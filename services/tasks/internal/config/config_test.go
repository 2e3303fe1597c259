package config

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string
		dueSoon int
	}{
		{name: "defaults", dueSoon: DefaultRemindEverySeconds},
		{name: "lead set", env: map[string]string{"EOFFICE_TASKS_REMIND_EVERY_SECONDS": "30"}, dueSoon: 30},
		{name: "lead zero", env: map[string]string{"EOFFICE_TASKS_REMIND_EVERY_SECONDS": "0"}, wantErr: []string{"EOFFICE_TASKS_REMIND_EVERY_SECONDS"}},
		{name: "lead not a number", env: map[string]string{"EOFFICE_TASKS_REMIND_EVERY_SECONDS": "a minute"}, wantErr: []string{"EOFFICE_TASKS_REMIND_EVERY_SECONDS"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			envconftest.Only(t, tc.env)
			c, err := Load()
			if len(tc.wantErr) > 0 {
				envconftest.Named(t, err, tc.wantErr...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.RemindEverySeconds != tc.dueSoon {
				t.Errorf("got %+v", c)
			}
		})
	}
}
