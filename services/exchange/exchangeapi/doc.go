// Package exchangeapi is the exchange service's public contract: its wire
// types, its client and its OpenAPI document. The exchange service is the
// boundary to other agencies' systems: edXML packages (QCVN 102:2016) in and
// out over a transport (the national platform's gateway, the local hub, or a
// folder), the directory of organisations outside the deployment, and the
// status messages that follow a package.
package exchangeapi
