package main

import "hakeep/parser"

// evalCondition is -cc (management.txt section 3): the argument is cut
// into words like a configuration line (without comments), joined back
// and evaluated; the exit status is 0 when true, 1 when false, 2 when it
// cannot be evaluated (2.6 prints nothing for some of those).
func (c *cli) evalCondition(cond string) int {
	words, err := parser.SplitHAProxyCondition(cond, c.lookupEnv)
	if err != nil {
		c.rep.emit(parser.SevAlert, "config : "+err.Error())
		return 2
	}
	env := condEnv()
	env.LookupEnv = c.lookupEnv
	ok, err := parser.EvalHAProxyCond(words, env)
	if err != nil {
		if ce, isCond := err.(*parser.CondError); isCond && ce.Msg == "" {
			return 2
		}
		c.rep.emit(parser.SevAlert, "config : Failed to evaluate condition: "+err.Error())
		return 2
	}
	if ok {
		return 0
	}
	return 1
}
