// Package hexpr holds the differential tests of the expression layer
// (proxy/sample, proxy/acl, proxy/logformat, proxy/rules) against the real
// haproxy 2.6: each case is one rule, ACL or log-format line placed in a
// fixed configuration; both haproxy -c and our parsers must accept or
// reject it, with the same message.
package hexpr
