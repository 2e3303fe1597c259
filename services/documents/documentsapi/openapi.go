package documentsapi

import _ "embed"

// OpenAPI describes every route of the service and, in its schemas, the
// types of this package (openapi_test.go holds the two together). The
// service serves it at /openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte
