// Package certstore is HAProxy 2.6's certificate store (src/ssl_ckch.c,
// src/ssl_crtlist.c): every certificate file the configuration loads
// ("crt", "crt-list", directories) is one entry holding the certificate,
// its chain, its key and its side files (".key", ".ocsp", ".issuer",
// ".sctl"); crt-lists hold the per-certificate SNI filters and SSL
// options. The Runtime API edits it through transactions ("set ssl
// cert", "commit ssl cert", management.txt section 9.3) and crt-list
// edits; every change bumps a generation that listeners compare to
// rebuild their SNI index for the next handshake, without a reload.
package certstore
