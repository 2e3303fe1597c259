package config

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr []string
		dueSoon int
	}{
		{name: "defaults", dueSoon: app.DefaultDueSoonDays},
		{name: "lead set", env: map[string]string{"EOFFICE_TASKS_DUE_SOON_DAYS": "7"}, dueSoon: 7},
		{name: "lead zero", env: map[string]string{"EOFFICE_TASKS_DUE_SOON_DAYS": "0"}, wantErr: []string{"EOFFICE_TASKS_DUE_SOON_DAYS"}},
		{name: "lead not a number", env: map[string]string{"EOFFICE_TASKS_DUE_SOON_DAYS": "a week"}, wantErr: []string{"EOFFICE_TASKS_DUE_SOON_DAYS"}},
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
			if c.DueSoonDays != tc.dueSoon {
				t.Errorf("got %+v", c)
			}
		})
	}
}
