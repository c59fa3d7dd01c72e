// Package tlse2e tests hakeep's TLS against HAProxy 2.6 itself: the same
// configuration and certificates (made by the test with crypto/x509) run
// through the real haproxy and through ours, the same clients (Go's,
// restricted per case, and "openssl s_client" for offers Go cannot make)
// connect to both, and what each side negotiated and answered must be the
// same: the certificate chosen per SNI, protocol, cipher, ALPN, OCSP
// stapling, refusals, client certificate checks and the ssl_* fetches,
// TCP-mode SNI routing and offload, and a certificate replaced through the
// Runtime API. TestBenchTLS compares handshake and request rates when
// HAKEEP_BENCH=1.
package tlse2e
