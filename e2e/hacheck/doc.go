// Package hacheck holds the end-to-end tests of `haproxy -c`: hakeep's
// verdicts against Debian's haproxy 2.6.12 on the shared corpus of real
// configurations, a live differential run against the installed binary,
// and the large-configuration benchmark.
package hacheck
