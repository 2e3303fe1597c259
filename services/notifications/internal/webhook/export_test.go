package webhook

import (
	"crypto/tls"
	"crypto/x509"
)

// TrustRoots makes d's connections (straight and through a proxy) verify
// receivers against roots, for receivers with a test CA's certificate.
func TrustRoots(d *Deliverer, roots *x509.CertPool) {
	r := d.client.Transport.(*route)
	r.direct.TLSClientConfig = &tls.Config{RootCAs: roots}
	if r.proxied != nil {
		r.proxied.TLSClientConfig = &tls.Config{RootCAs: roots}
	}
}
