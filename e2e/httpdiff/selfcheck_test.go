//go:build selfcheck

package httpdiff

import "testing"

// TestE2EHTTPDiffSelfCheck proves the cases: every one runs twice through
// the real haproxy, must record what its Want lines say, and must record
// the same thing both times. It is the suite's maintenance check, built
// with the selfcheck tag by `make httpdiff-selfcheck` after cases are
// added: in `make test` every Diff run already checks each case's Want
// lines against the real haproxy, and a second run of the 780 cases
// through the real haproxy would double the package's time.
func TestE2EHTTPDiffSelfCheck(t *testing.T) {
	s := newSuite(t, false)
	s.SelfCheck(t, append(DataPlaneCases(), RulesCases()...))
}
