package layout_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// modulePrefix is the import path of the services folder.
const modulePrefix = "github.com/eoffice-vn/eoffice/services/"

// txPackages are the packages whose Tx is a transaction: the app layer
// names none of them, since the store opens, owns and commits every
// transaction and hands the app the Writes bound to it.
var txPackages = map[string]bool{
	"database/sql": true,
	"github.com/eoffice-vn/eoffice/pkg/store": true,
}

// TestAppDeclaresPortsStoreImplementsThem: the seam of README.md "Layout"
// holds in every service: internal/app imports no store of its service
// and names no transaction type, and no service binds the store to the
// app in a package of its own (internal/adapters): the store implements
// the app's ports itself.
func TestAppDeclaresPortsStoreImplementsThem(t *testing.T) {
	root := services(t)
	files, err := filepath.Glob(filepath.Join(root, "*", "internal", "app", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	apps := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		svc := filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(f))))
		apps[svc] = true
		for _, problem := range seamProblems(t, f, svc) {
			t.Errorf("%s: %s", f, problem)
		}
	}
	if len(apps) < 4 {
		t.Fatalf("app layers found in %d services, want the four", len(apps))
	}
	adapters, err := filepath.Glob(filepath.Join(root, "*", "internal", "adapters"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range adapters {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			t.Errorf("%s exists: the store implements the app's ports itself, with no package between them", d)
		}
	}
}

// seamProblems lists where the app file f of service svc reaches past its
// ports: an import of its store, or a transaction type named.
func seamProblems(t *testing.T, f, svc string) []string {
	t.Helper()
	parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	ownStore := modulePrefix + svc + "/internal/store"
	names := map[string]string{} // the name a file uses for an import → its path
	for _, imp := range parsed.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if p == ownStore || strings.HasPrefix(p, ownStore+"/") {
			problems = append(problems, "imports "+p+": the app declares its ports (ports.go) and the store implements them")
		}
		name := p[strings.LastIndex(p, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[name] = p
	}
	ast.Inspect(parsed, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Tx" {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if p := names[x.Name]; txPackages[p] || p == ownStore {
			problems = append(problems, "names "+x.Name+".Tx ("+p+"): a use case writes through the Writes port, the store owns the transaction")
		}
		return true
	})
	return problems
}
