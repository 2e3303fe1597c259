package csc

// Wire types of the Cloud Signature Consortium API v2 routes this package
// uses (field names as in the specification). The test server in csctest
// speaks the same types.

// InfoResponse is the answer of /csc/v2/info.
type InfoResponse struct {
	Specs       string   `json:"specs"`
	Name        string   `json:"name"`
	Region      string   `json:"region,omitempty"`
	Lang        string   `json:"lang,omitempty"`
	Description string   `json:"description,omitempty"`
	AuthType    []string `json:"authType"`
	Methods     []string `json:"methods"`
}

// TokenResponse is the answer of /csc/v2/oauth2/token and /csc/v2/auth/login.
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type,omitempty"`
	ExpiresIn   int    `json:"expires_in,omitempty"`
}

// CredentialsListRequest is the body of /csc/v2/credentials/list.
type CredentialsListRequest struct {
	UserID string `json:"userID,omitempty"`
}

// CredentialsListResponse is the answer of /csc/v2/credentials/list.
type CredentialsListResponse struct {
	CredentialIDs []string `json:"credentialIDs"`
}

// CredentialsInfoRequest is the body of /csc/v2/credentials/info;
// Certificates is "none", "single" or "chain".
type CredentialsInfoRequest struct {
	CredentialID string `json:"credentialID"`
	Certificates string `json:"certificates,omitempty"`
	CertInfo     bool   `json:"certInfo,omitempty"`
	AuthInfo     bool   `json:"authInfo,omitempty"`
}

// CredentialsInfoResponse is the answer of /csc/v2/credentials/info.
type CredentialsInfoResponse struct {
	Description string   `json:"description,omitempty"`
	Key         KeyInfo  `json:"key"`
	Cert        CertInfo `json:"cert"`
	Auth        AuthInfo `json:"auth"`
	SCAL        string   `json:"SCAL,omitempty"`
	Multisign   int      `json:"multisign"`
}

// KeyInfo describes a credential's key; Algo lists signAlgo OIDs.
type KeyInfo struct {
	Status string   `json:"status"`
	Algo   []string `json:"algo"`
	Len    int      `json:"len"`
	Curve  string   `json:"curve,omitempty"`
}

// CertInfo holds the certificates, base64 DER, end entity first.
type CertInfo struct {
	Status       string   `json:"status,omitempty"`
	Certificates []string `json:"certificates"`
	IssuerDN     string   `json:"issuerDN,omitempty"`
	SerialNumber string   `json:"serialNumber,omitempty"`
	SubjectDN    string   `json:"subjectDN,omitempty"`
	ValidFrom    string   `json:"validFrom,omitempty"`
	ValidTo      string   `json:"validTo,omitempty"`
}

// AuthInfo says how signing with a credential is authorised.
type AuthInfo struct {
	Mode string `json:"mode"`
}

// SignHashRequest is the body of /csc/v2/signatures/signHash; Hashes are
// base64 digests made with HashAlgorithmOID, signed with SignAlgo.
type SignHashRequest struct {
	CredentialID     string   `json:"credentialID"`
	SAD              string   `json:"SAD,omitempty"`
	Hashes           []string `json:"hashes"`
	HashAlgorithmOID string   `json:"hashAlgorithmOID"`
	SignAlgo         string   `json:"signAlgo"`
	SignAlgoParams   string   `json:"signAlgoParams,omitempty"`
	OperationMode    string   `json:"operationMode,omitempty"`
}

// SignHashResponse holds one base64 signature per hash, in order.
type SignHashResponse struct {
	Signatures []string `json:"signatures"`
}

// ErrorResponse is the body of every failed call.
type ErrorResponse struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description,omitempty"`
}

// Algorithm OIDs used in signHash.
const (
	OIDSHA256          = "2.16.840.1.101.3.4.2.1"
	OIDSHA384          = "2.16.840.1.101.3.4.2.2"
	OIDSHA512          = "2.16.840.1.101.3.4.2.3"
	OIDRSAEncryption   = "1.2.840.113549.1.1.1"
	OIDECDSAWithSHA256 = "1.2.840.10045.4.3.2"
	OIDECDSAWithSHA384 = "1.2.840.10045.4.3.3"
	OIDECDSAWithSHA512 = "1.2.840.10045.4.3.4"
)
