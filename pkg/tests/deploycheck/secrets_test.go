package deploycheck_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// exampleFiles are the files an operator copies or follows: everything
// under deploy/, the READMEs, and any *.example or .env* file of the tree.
func exampleFiles(t *testing.T) []string {
	t.Helper()
	root := deploycheck.Root()
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "data" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if strings.HasPrefix(rel, "deploy"+string(filepath.Separator)) || name == "README.md" ||
			strings.HasSuffix(name, ".example") || strings.HasPrefix(name, ".env") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 5 {
		t.Fatalf("found only %v", out)
	}
	return out
}

// An example that carries a password works as it is: whoever copies it
// without changing it runs with a password anyone can read here. Every
// secret setting in an example is empty, "...", the REPLACE placeholder or
// a reference to the operator's own value.
func TestNoUsableSecretsInExamples(t *testing.T) {
	for _, path := range exampleFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(deploycheck.Root(), path)
		for _, p := range deploycheck.LiteralSecrets(string(b)) {
			t.Errorf("%s %s", rel, p)
		}
	}
}

// PostgreSQL connections in deployment files check the server's
// certificate, or say why they do not encrypt at all.
func TestPostgresDSNsUseTLS(t *testing.T) {
	for _, path := range exampleFiles(t) {
		if rel, _ := filepath.Rel(deploycheck.Root(), path); !strings.HasPrefix(rel, "deploy"+string(filepath.Separator)) {
			continue // a README's test database on 127.0.0.1 is not a deployment
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(deploycheck.Root(), path)
		for _, p := range deploycheck.SSLModeProblems(string(b)) {
			t.Errorf("%s %s", rel, p)
		}
	}
}

func TestLiteralSecrets(t *testing.T) {
	tests := []struct {
		line    string
		literal bool
	}{
		// What the example used to say, and variants.
		{"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD=Doi-mat-khau-ngay-2026", true},
		{`  EOFFICE_BOOTSTRAP_ADMIN_PASSWORD: "REPLACE-at-least-10-chars"`, true},
		{"POSTGRES_PASSWORD=change-me-postgres", true},
		{"  EOFFICE_BOOTSTRAP_ADMIN_PASSWORD: ${EOFFICE_BOOTSTRAP_ADMIN_PASSWORD:-Admin12345!}", true},
		{"--from-literal=EOFFICE_BOOTSTRAP_ADMIN_PASSWORD=hunter2hunter2 \\", true},
		{`  EOFFICE_SECRET_KEY: "q83vEjE0lJ2Q1+U1dC1ukG4p7X0YbVYc0r6Yy6o6kqE="`, true},
		{"EOFFICE_EXCHANGE_CLIENT_SECRET=0123456789abcdef0123456789abcdef", true},
		{`  EOFFICE_EXCHANGE_SECRET: "hub-secret"`, true},
		// Allowed: the operator's own value.
		{"EOFFICE_BOOTSTRAP_ADMIN_PASSWORD=", false},
		{`  EOFFICE_BOOTSTRAP_ADMIN_PASSWORD: "REPLACE"`, false},
		{"  EOFFICE_BOOTSTRAP_ADMIN_PASSWORD: ${EOFFICE_BOOTSTRAP_ADMIN_PASSWORD:?set a password}", false},
		{"  EOFFICE_SECRET_KEY_OLD: ${EOFFICE_SECRET_KEY_OLD:-}", false},
		{"  EOFFICE_DOCUMENTS_CLIENT_SECRET: ${EOFFICE_DOCUMENTS_CLIENT_SECRET:?set it in .env}", false},
		{"--from-literal=EOFFICE_BOOTSTRAP_ADMIN_PASSWORD=... --from-literal=EOFFICE_SMTP_PASSWORD=... \\", false},
		{`EOFFICE_BOOTSTRAP_ADMIN_PASSWORD="$(openssl rand -base64 24)"`, false},
		{"# EOFFICE_BOOTSTRAP_ADMIN_PASSWORD=example-in-a-comment", false},
		{"| `EOFFICE_BOOTSTRAP_ADMIN_PASSWORD` | first administrator's password | generated |", false},
	}
	for _, tt := range tests {
		if got := deploycheck.LiteralSecrets(tt.line); (len(got) > 0) != tt.literal {
			t.Errorf("%s: %v, want literal %v", tt.line, got, tt.literal)
		}
	}
}

func TestSSLModeProblems(t *testing.T) {
	const reason = "# sslmode=disable: the database is on the same host's private network\n"
	tests := []struct {
		text    string
		problem bool
	}{
		{"EOFFICE_TASKS_DB: postgres://u:pw@db:5432/tasks?sslmode=verify-full", false},
		{"EOFFICE_TASKS_DB: postgresql://u:pw@db/tasks?sslmode=verify-ca&sslrootcert=/ca.pem", false},
		{"EOFFICE_TASKS_DB: postgres://u:pw@db:5432/tasks?sslmode=disable", true},
		{reason + "EOFFICE_TASKS_DB: postgres://u:pw@db:5432/tasks?sslmode=disable", false},
		{"# sslmode=disable: \nEOFFICE_TASKS_DB: postgres://u:pw@db:5432/tasks?sslmode=disable", true},
		{"EOFFICE_TASKS_DB: postgres://u:pw@db:5432/tasks?sslmode=require", true},
		{"EOFFICE_TASKS_DB: postgres://u:pw@db:5432/tasks", true},
	}
	for _, tt := range tests {
		if got := deploycheck.SSLModeProblems(tt.text); (len(got) > 0) != tt.problem {
			t.Errorf("%q: %v, want problem %v", tt.text, got, tt.problem)
		}
	}
}
