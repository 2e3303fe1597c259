package bench

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// stackServices are the services that hold a database.
var stackServices = []string{"identity", "documents", "tasks", "notifications", "exchange"}

// PostgresDBs creates one empty database per service on the server of
// adminDSN, named prefix_<service>, and returns their DSNs and a function
// that drops them.
func PostgresDBs(ctx context.Context, adminDSN, prefix string) (map[string]string, func(), error) {
	admin, err := store.Open(ctx, adminDSN)
	if err != nil {
		return nil, nil, err
	}
	u, err := url.Parse(adminDSN)
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	dbs := map[string]string{}
	drop := func() {
		for name := range dbs {
			_, _ = admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+prefix+"_"+name+` WITH (FORCE)`)
		}
		admin.Close()
	}
	for _, name := range stackServices {
		db := strings.ToLower(prefix + "_" + name)
		_, _ = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+db+` WITH (FORCE)`)
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+db); err != nil {
			drop()
			return nil, nil, fmt.Errorf("create database %s: %w", db, err)
		}
		v := *u
		v.Path = "/" + db
		dbs[name] = v.String()
	}
	return dbs, drop, nil
}
