package cli

import (
	"flag"
	"fmt"
	"strings"
)

// The CLI speaks Vietnamese, as its users do; `--lang en` (anywhere on the
// line) or EOFFICE_LANG=en switches to English. Texts are written in English
// in the code and looked up in the catalog (lang_vi.go): a text missing from
// it shows in English rather than not at all.

// takeLang removes --lang X / --lang=X from args and returns the language
// chosen: the flag, else EOFFICE_LANG, else Vietnamese.
func takeLang(args []string, getenv func(string) string) (string, []string, error) {
	lang := getenv("EOFFICE_LANG")
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 == len(args) {
				return "", nil, usagef("--lang needs a value: vi or en")
			}
			lang = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			lang = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	switch strings.ToLower(strings.TrimSpace(lang)) {
	case "en", "en-us", "en-gb", "english":
		return "en", rest, nil
	case "", "vi", "vi-vn", "vietnamese":
		return "vi", rest, nil
	}
	return "vi", rest, usagef("--lang is vi or en, not %q", lang)
}

// tr is s in the session's language.
func (a *App) tr(s string) string {
	if a.lang == "en" {
		return s
	}
	if v, ok := vi[s]; ok {
		return v
	}
	return s
}

// trf formats a catalogued format.
func (a *App) trf(format string, args ...any) string { return fmt.Sprintf(a.tr(format), args...) }

// flagErrors are the flag package's own messages, by their start.
var flagErrors = [][2]string{
	{"flag provided but not defined: ", "không có cờ "},
	{"flag needs an argument: ", "cờ cần một giá trị: "},
	{"invalid value ", "giá trị không hợp lệ "},
	{"invalid boolean value ", "giá trị đúng/sai không hợp lệ "},
	{"bad flag syntax: ", "cờ viết sai: "},
}

// trFlagError translates an error of flag.Parse.
func (a *App) trFlagError(msg string) string {
	if a.lang == "en" {
		return msg
	}
	for _, p := range flagErrors {
		if strings.HasPrefix(msg, p[0]) {
			return p[1] + strings.TrimPrefix(msg, p[0])
		}
	}
	return msg
}

// flagUsage prints a command's flags with their help in the session's
// language (the flag package would print the English).
func (a *App) flagUsage(fs *flag.FlagSet) func() {
	return func() {
		fmt.Fprintf(a.Stderr, a.tr("usage of eoffice %s:")+"\n", fs.Name())
		fs.VisitAll(func(f *flag.Flag) {
			kind, usage := flag.UnquoteUsage(f)
			line := "  -" + f.Name
			if kind != "" {
				line += " " + kind
			}
			line += "\n    \t" + a.tr(usage)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
				line += a.trf(" (default %s)", f.DefValue)
			}
			fmt.Fprintln(a.Stderr, line)
		})
	}
}
