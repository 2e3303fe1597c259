// Command eoffice-openapi prints the combined OpenAPI description of the
// whole system (pkg/apidoc) with the one server given, so that
// scripts/lint-openapi.sh can lint it as it is served by the console at
// /api/openapi.json.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
	"github.com/eoffice-vn/eoffice/pkg/apis"
)

func main() {
	server := flag.String("server", "https://eoffice.example.vn", "the public URL the ingress exposes the APIs at")
	flag.Parse()
	if err := apidoc.CheckURL(*server); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-openapi: -server:", err)
		os.Exit(2)
	}
	doc, err := apis.OpenAPI(*server)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-openapi:", err)
		os.Exit(1)
	}
	os.Stdout.Write(doc)
}
