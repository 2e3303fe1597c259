package tasksapi

import _ "embed"

// OpenAPI describes every route of the tasks service and the types above,
// which TestOpenAPIMatchesTypes holds it to; the service serves it at
// GET /openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte
