// Package checks_e2e runs health-check scenarios through the real HAProxy
// 2.6 and through proxy/check against the same scripted servers, and
// compares what each says and reports: the stderr lines, the log lines
// (the real one's through a UDP syslog listener), the "show stat" check
// columns and the intervals between checks. The real haproxy's results are
// recorded in testdata/<scenario>.golden (rewrite with -update); a
// scenario passes when both implementations match the record.
//
//	go test ./e2e/checks -run TestE2EChecks -v          # compare
//	go test ./e2e/checks -run TestE2EChecks -update     # re-record
package checks_e2e
