package cli

import (
	"fmt"
	"strconv"
	"strings"

	"hakeep/proxy/sample"
	"hakeep/proxy/stick"
)

// The stick table commands (src/stick_table.c): "show table", "clear
// table", "set table".

func (a *API) table(name string) *stick.Table {
	for _, t := range a.rt.Tables() {
		if t.Name() == name {
			return t
		}
	}
	return nil
}

// tableFilter is one "data.<type> <op> <value>" filter.
type tableFilter struct {
	d   sample.StickData
	op  string
	val int64
}

// parseFilters reads the filters from args[i]: up to four "data.*"
// filters, or one "key <k>".
func parseFilters(c *call, i int, t *stick.Table) (fs []tableFilter, key []byte, hasKey bool, msg string) {
	if c.arg(i) == "key" {
		k, ok := t.ParseKey(c.arg(i + 1))
		if !ok {
			return nil, nil, false, "Unable to parse key\n"
		}
		return nil, k, true, ""
	}
	for n := 1; strings.HasPrefix(c.arg(i), "data."); n++ {
		d, ok := sample.StickDataByName(strings.TrimPrefix(c.arg(i), "data."))
		if !ok || !hasData(t, d) {
			return nil, nil, false, fmt.Sprintf("Filter entry #%d: Unknown data type\n", n)
		}
		op := c.arg(i + 1)
		switch op {
		case "eq", "ne", "le", "ge", "lt", "gt":
		default:
			return nil, nil, false, fmt.Sprintf("Filter entry #%d: Require and operator among \"eq\", \"ne\", \"le\", \"ge\", \"lt\", \"gt\"\n", n)
		}
		v, err := strconv.ParseInt(c.arg(i+2), 10, 64)
		if err != nil {
			return nil, nil, false, fmt.Sprintf("Filter entry #%d: Require a valid integer value to compare against\n", n)
		}
		fs = append(fs, tableFilter{d: d, op: op, val: v})
		i += 3
	}
	return fs, nil, false, ""
}

func hasData(t *stick.Table, d sample.StickData) bool {
	for _, s := range t.Stored() {
		if s == d {
			return true
		}
	}
	return false
}

// matches applies the filters to an entry.
func matches(fs []tableFilter, e *stick.Entry, now int64) bool {
	for _, f := range fs {
		v, ok := e.Get(f.d, 0, now)
		if !ok {
			return false
		}
		var r bool
		switch f.op {
		case "eq":
			r = v == f.val
		case "ne":
			r = v != f.val
		case "le":
			r = v <= f.val
		case "ge":
			r = v >= f.val
		case "lt":
			r = v < f.val
		case "gt":
			r = v > f.val
		}
		if !r {
			return false
		}
	}
	return true
}

func tableHeader(t *stick.Table, used int) string {
	return fmt.Sprintf("# table: %s, type: %s, size:%d, used:%d\n", t.Name(), t.TypeName(), t.Size(), used)
}

// entryLine is one entry as "show table" prints it.
func entryLine(t *stick.Table, k stick.Keyed, now int64) string {
	e := k.Entry
	var b strings.Builder
	fmt.Fprintf(&b, "%p: key=%s use=%d exp=%d", e, t.KeyText(k.Key), e.Trackers(), max(e.Expire(now), 0))
	for _, d := range t.Stored() {
		n := 1
		if d == sample.DataGPC || d == sample.DataGPT || d == sample.DataGPCRate {
			n = t.Count(d)
		}
		for i := 0; i < n; i++ {
			v, _ := e.Get(d, i, now)
			name := d.String()
			if n > 1 || d == sample.DataGPC || d == sample.DataGPT || d == sample.DataGPCRate {
				name = fmt.Sprintf("%s(%d)", name, i)
			}
			if stick.IsRate(d) {
				fmt.Fprintf(&b, " %s(%d)=%d", name, t.Period(d), v)
			} else {
				fmt.Fprintf(&b, " %s=%d", name, v)
			}
		}
	}
	b.WriteString("\n")
	return b.String()
}

// showTable is "show table [<table> [data.* <op> <v>]*|[key <k>]]".
func (a *API) showTable(c *call) string {
	now := a.rt.NowMs()
	var b strings.Builder
	if c.arg(2) == "" {
		for _, t := range a.rt.Tables() {
			b.WriteString(tableHeader(t, len(t.Entries(now))))
		}
		return b.String()
	}
	t := a.table(c.arg(2))
	if t == nil {
		return "No such table\n"
	}
	fs, key, hasKey, msg := parseFilters(c, 3, t)
	if msg != "" {
		return msg
	}
	entries := t.Entries(now)
	b.WriteString(tableHeader(t, len(entries)))
	for _, k := range entries {
		if hasKey && string(k.Key) != string(key) {
			continue
		}
		if matches(fs, k.Entry, now) {
			b.WriteString(entryLine(t, k, now))
		}
	}
	return b.String()
}

// clearTable is "clear table <table> [data.* <op> <v>]*|[key <k>]".
func (a *API) clearTable(c *call) string {
	if c.arg(2) == "" {
		return "Required arguments: <table> \"data.<store_data_type>\" <operator> <value> or <table> key <key>\n"
	}
	t := a.table(c.arg(2))
	if t == nil {
		return "No such table\n"
	}
	// cli_parse_table_req() checks the level once the table is known
	if c.level < LevelOperator {
		return permissionDenied
	}
	fs, key, hasKey, msg := parseFilters(c, 3, t)
	if msg != "" {
		return msg
	}
	now := a.rt.NowMs()
	if hasKey {
		t.Remove(key)
		return ""
	}
	for _, k := range t.Entries(now) {
		if matches(fs, k.Entry, now) {
			t.Remove(k.Key)
		}
	}
	return ""
}

// setTable is "set table <table> key <k> [data.<type> <v>]*".
func (a *API) setTable(c *call) string {
	t := a.table(c.arg(2))
	if t == nil {
		return "No such table\n"
	}
	if c.level < LevelOperator {
		return permissionDenied
	}
	if c.arg(3) != "key" {
		return ""
	}
	k, ok := t.ParseKey(c.arg(4))
	if !ok {
		return "Unable to parse key\n"
	}
	now := a.rt.NowMs()
	e := t.Ensure(k, now)
	if e == nil {
		return "Unable to allocate a new entry\n"
	}
	for i := 5; c.arg(i) != ""; i += 2 {
		d, ok := sample.StickDataByName(strings.TrimPrefix(c.arg(i), "data."))
		if !strings.HasPrefix(c.arg(i), "data.") || !ok || !hasData(t, d) {
			return "Unknown data type\n"
		}
		v, err := strconv.ParseInt(c.arg(i+1), 10, 64)
		if err != nil {
			return "Require a valid integer value to store\n"
		}
		e.Set(d, 0, v)
	}
	return ""
}
