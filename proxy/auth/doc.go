// Package auth is HAProxy 2.6's userlists at run time (configuration.txt
// §3.4 "Userlists"): users with clear ("insecure-password") or crypt(3)
// passwords, groups from either side, and the crypt(3) schemes glibc's
// libxcrypt verifies for the hashes found in userlists: MD5 ($1$),
// SHA-256 ($5$) and SHA-512 ($6$), written after the published
// algorithms.
package auth
