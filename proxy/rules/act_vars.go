package rules

import (
	"strings"

	"hakeep/proxy/sample"
)

// parseStore is vars.c's parse_store: set-var(name[,cond...]) <expr>,
// set-var-fmt(name[,cond...]) <fmt>, unset-var(name).
func parseStore(p *actParser) error {
	w := p.word
	kind := ""
	rest := ""
	for _, k := range []string{"set-var-fmt", "set-var", "unset-var"} {
		if strings.HasPrefix(w, k) {
			kind, rest = k, w[len(k):]
			break
		}
	}
	const expects = "Expects 'set-var(<var-name>)', 'set-var-fmt(<var-name>)' or 'unset-var(<var-name>)'"
	if !strings.HasPrefix(rest, "(") {
		return errf("invalid or incomplete action '%s'. %s", w, expects)
	}
	rest = rest[1:]
	if !strings.HasSuffix(rest, ")") {
		return errf("incomplete argument after action '%s'. %s", w, expects)
	}
	rest = rest[:len(rest)-1]
	name := rest
	var conds []string
	if i := strings.IndexByte(rest, ','); i >= 0 {
		if kind == "unset-var" {
			return errf("unset-var does not expect parameters after the variable name. Only \"set-var\" and \"set-var-fmt\" manage conditions")
		}
		name = rest[:i]
		for _, cnd := range strings.Split(rest[i+1:], ",") {
			if err := sample.CheckVarCond(cnd); err != nil {
				return err
			}
			conds = append(conds, cnd)
		}
	}
	v, err := sample.ParseVar(name)
	if err != nil {
		return err
	}
	a := &Var{Var: v, Conds: conds, Kind: kind}
	p.rule.Args = a
	switch kind {
	case "set-var-fmt":
		f, err := p.format(p.arg(), p.storeWhere(), false)
		if err != nil {
			return err
		}
		a.Format = f
		p.cur++
	case "set-var":
		e, err := p.expr(p.argCtx())
		if err != nil {
			return err
		}
		if e.Fetch.Val&p.storeWhere() == 0 {
			return unavailable(w, e)
		}
		a.Expr = e
	}
	return nil
}
