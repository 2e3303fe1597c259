// Package signing signs PDFs with PAdES-style signatures (a CMS container
// in a PDF signature dictionary, added as an incremental update so earlier
// signatures stay valid) and verifies them.
//
// Library choice: the PDF side is github.com/digitorus/pdfsign. It is the
// one maintained Go library that writes signatures as incremental updates
// (a second signature leaves the first one's byte range intact), draws a
// visible appearance from a PNG/JPEG on any page and rectangle, and takes
// any crypto.Signer, which is what lets one code path serve a local key, a
// PKCS#12 file and a remote Cloud Signature Consortium service. Its limits,
// worked around here rather than by writing PDF syntax by hand: the
// SubFilter is fixed to adbe.pkcs7.detached (ETSI.CAdES.detached cannot be
// chosen; the CMS does carry the CAdES signing-certificate-v2 attribute),
// its text appearance uses a non-embedded Times-Roman that cannot show
// Vietnamese, so this package always hands it a rendered image, and its
// verify package has neither configurable trust roots nor byte-range
// coverage, so Verify reads the signature dictionaries with the same
// author's PDF reader and checks the CMS with its pkcs7 package.
//
// Keys come from a KeyStore; subpackages hold the implementations: localca
// (an embedded trial CA, not legally valid), p12store (PKCS#12 files) and
// csc (a remote signing service over CSC API v2, with csctest as its test
// server).
package signing
