// Package kacheck holds the end-to-end tests of `keepalived -t`: hakeep's
// verdicts against Debian's keepalived 2.2.7 on the shared corpus of real
// configurations, and a live differential run against the installed
// keepalived on hakeep's own test configurations and the seeds. Both run
// as root in network namespaces they create, since keepalived's verdicts
// depend on the interfaces that exist.
package kacheck
