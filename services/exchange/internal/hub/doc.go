// Package hub is the local exchange hub (eoffice-hub): a small gateway
// that speaks the REST API of the national document exchange platform's
// gateway (VDXP/NDXP), so that the exchange service's vdxp client talks to
// it unchanged. Two deployments pointed at one hub exchange documents; a
// group of agencies without a national connection can run one; the test
// suite uses it as its gateway.
//
// The API is modelled on the platform's public Java SDK (SDKVXP,
// com.vpcp.services.KnobstickServiceImp and VnptService, as decompiled in
// public integrations of it): POST {base}/sendEdoc with the edXML as an
// application/octet-stream body and the parameters in XroadVnpt-*
// headers (from, to, servicetype, messagetype edoc|status), answering
// {"status","ErrorCode","ErrorDesc","DocId"}; POST /getReceivedEdocList
// answering {"data":[{docId, messageType, from, to, status, ...}]};
// POST /getEdoc answering the edXML base64 in "data" (and /downloadEdoc
// the raw bytes); POST /updateStatus with docId and status
// processing|done|fail; POST /getSentEdocList with docId; and the
// agency service's /registerAgency, here announcing the codes a system
// receives for.
//
// What differs from the platform, on purpose: a system authenticates with
// its id and its secret itself (XroadVnpt-systemid, XroadVnpt-secret), so
// that the hub keeps only a hash of the secret; its first call registers
// it. The SDK's HMAC signature of the headers (XroadVnpt-hash-header),
// which the vdxp client sends too for the platform's gateway, cannot be
// checked without the secret and is ignored here. XroadVnpt-key names a message
// on the sender's side, so that a retried send stores nothing twice.
package hub
