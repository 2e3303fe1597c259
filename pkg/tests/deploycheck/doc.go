// Package deploycheck checks the production deployment files under
// deploy/ (Dockerfile, Compose, Kubernetes manifests) in CI, where no
// container engine or cluster runs: its tests parse the files and check
// what an operator relies on — probes, security context, resources,
// disruption budgets, autoscalers, topics with explicit partitions and
// replication, and that every service's environment is one its
// configuration loader accepts.
package deploycheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

// Root is the repository root, found from this file's location.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Services are the deployable services, and the local exchange hub
// (eoffice-hub), deployed like them on its own database.
var Services = []string{"identity", "documents", "tasks", "notifications", "exchange", "hub"}

// Components are what the image builds: the services, the hub and the web
// console (which keeps no database and reads no broker, so it is checked
// apart from the services).
var Components = append(append([]string{}, Services...), "web")

// Command is the package of a service's program, relative to the
// repository root: services/<name>/cmd/<name>, but the hub's is in the
// exchange module.
func Command(service string) string {
	if service == "hub" {
		return "services/exchange/cmd/eoffice-hub"
	}
	return "services/" + service + "/cmd/" + service
}

var composeVar = regexp.MustCompile(`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}`)

// Interpolate substitutes ${VAR}, ${VAR:-default}, ${VAR:?message} and $$ as
// Docker Compose does, from vars. A required variable that vars lacks is an
// error: the operator would see Compose refuse to start.
func Interpolate(s string, vars map[string]string) (string, error) {
	var errs []string
	out := composeVar.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		g := composeVar.FindStringSubmatch(m)
		name, op, arg := g[1], g[2], g[3]
		v, ok := vars[name]
		switch {
		case strings.HasSuffix(op, "-") && (!ok || (op == ":-" && v == "")):
			return arg
		case strings.HasSuffix(op, "?") && (!ok || (op == ":?" && v == "")):
			errs = append(errs, fmt.Sprintf("%s: %s", name, arg))
		case !ok:
			errs = append(errs, name+" is not set")
		}
		return v
	})
	if len(errs) > 0 {
		return out, fmt.Errorf("interpolate: %s", strings.Join(errs, "; "))
	}
	return out, nil
}

// ReadEnvFile reads KEY=value lines, skipping blanks and # comments.
func ReadEnvFile(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	vars := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: not KEY=value", path, i+1)
		}
		vars[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return vars, nil
}
