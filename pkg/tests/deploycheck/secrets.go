package deploycheck

import (
	"fmt"
	"regexp"
	"strings"
)

// secretAssignment finds a setting whose name says it holds a secret
// (…PASSWORD…, …SECRET…) given a value, in the forms deployment files
// and their documentation use: KEY=value (.env, shell, --from-literal),
// KEY: value (YAML), "KEY": "value".
var secretAssignment = regexp.MustCompile(`([A-Z][A-Z0-9_]*(?:PASSWORD|SECRET)[A-Z0-9_]*)"?\s*(?:=|:\s)\s*(.*)$`)

// Placeholder is the one literal deployment files may give a secret: it is
// refused where it is used (shorter than identity's 10-character password
// minimum, not a 32-byte key), so an example applied as it is cannot run
// with a password everyone can read here.
const Placeholder = "REPLACE"

// LiteralSecrets lists the lines of text that give a secret setting a
// usable literal value. Allowed: nothing, "...", Placeholder, or a Compose
// reference to the operator's own value (${VAR}, ${VAR:?…}, ${VAR:-} with
// an empty default).
func LiteralSecrets(text string) []string {
	var out []string
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "//") {
			continue
		}
		m := secretAssignment.FindStringSubmatch(trimmed)
		if m == nil {
			continue
		}
		v := strings.TrimSpace(m[2])
		if j := strings.Index(v, " #"); j >= 0 {
			v = strings.TrimSpace(v[:j])
		}
		v = strings.Trim(v, `"'`)
		if !strings.HasPrefix(v, "${") {
			v, _, _ = strings.Cut(v, " ")
		}
		if allowedSecretValue(m[1], v) {
			continue
		}
		out = append(out, fmt.Sprintf("line %d: %s has the literal value %q", i+1, m[1], v))
	}
	return out
}

func allowedSecretValue(name, v string) bool {
	switch {
	case v == "", v == "...", v == Placeholder, strings.HasPrefix(v, "valueFrom"), v == "|", v == ">":
		return true
	case strings.HasPrefix(v, "${"):
		// Only the operator's value, never a default: ${VAR:-default}
		// would be a literal after all.
		g := composeVar.FindStringSubmatch(v)
		return g != nil && strings.HasPrefix(v, g[0]) && (g[2] == "" || strings.HasSuffix(g[2], "?") || g[3] == "")
	case strings.HasPrefix(v, "$"): // a shell variable
		return true
	}
	return false
}

var pgDSN = regexp.MustCompile(`postgres(?:ql)?://[^\s"'` + "`" + `]+`)

// SSLModeProblems lists the PostgreSQL URLs in text that do not make the
// connection authenticate the server: sslmode must be verify-full or
// verify-ca. sslmode=disable is allowed only where the file says why, on a
// comment line starting "sslmode=disable:" followed by the reason.
func SSLModeProblems(text string) []string {
	reasoned := false
	for _, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if c, ok := strings.CutPrefix(l, "#"); ok {
			if r, ok := strings.CutPrefix(strings.TrimSpace(c), "sslmode=disable:"); ok && len(strings.TrimSpace(r)) > 10 {
				reasoned = true
			}
		}
	}
	var out []string
	for i, line := range strings.Split(text, "\n") {
		for _, dsn := range pgDSN.FindAllString(line, -1) {
			mode := ""
			if _, q, ok := strings.Cut(dsn, "?"); ok {
				for _, kv := range strings.Split(q, "&") {
					if v, ok := strings.CutPrefix(kv, "sslmode="); ok {
						mode = v
					}
				}
			}
			switch {
			case mode == "verify-full" || mode == "verify-ca":
			case mode == "disable" && reasoned:
			case mode == "disable":
				out = append(out, fmt.Sprintf("line %d: sslmode=disable with no stated reason (a comment \"# sslmode=disable: why\"): %s", i+1, dsn))
			default:
				out = append(out, fmt.Sprintf("line %d: sslmode=%q does not check the server's certificate (want verify-full): %s", i+1, mode, dsn))
			}
		}
	}
	return out
}
