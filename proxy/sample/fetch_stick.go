package sample

import "strings"

// Stick counter fetches (configuration.txt §7.3.3: sc_*, sc0_* .. sc2_*,
// src_*): they read or change the entry a stick counter tracks, or the
// entry of the client's address in a table.

type stickOp uint8

const (
	opGet stickOp = iota
	opKBytes
	opInc
	opClr
	opTracked
	opTrackers
	opUpdtConnCnt
)

// stickFetchSpec decodes a stick fetch name: the counter form ("sc_":
// slot in the first argument, "scN_", or "src_"), the data and the
// operation. ok is false for names that are not stick fetches.
func stickFetchSpec(name string) (slot int, src bool, d StickData, op stickOp, indexed bool, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(name, "sc_"):
		slot, rest = -1, name[3:]
	case len(name) > 4 && name[0] == 's' && name[1] == 'c' && name[2] >= '0' && name[2] <= '9' && name[3] == '_':
		slot, rest = int(name[2]-'0'), name[4:]
	case strings.HasPrefix(name, "src_"):
		src, rest = true, name[4:]
	default:
		return
	}
	ok = true
	switch rest {
	case "tracked":
		op = opTracked
	case "trackers":
		op = opTrackers
	case "kbytes_in":
		d, op = DataBytesInCnt, opKBytes
	case "kbytes_out":
		d, op = DataBytesOutCnt, opKBytes
	case "get_gpc0":
		d = DataGPC0
	case "get_gpc1":
		d = DataGPC1
	case "get_gpt0":
		d = DataGPT0
	case "get_gpc":
		d, indexed = DataGPC, true
	case "get_gpt":
		d, indexed = DataGPT, true
	case "gpc_rate":
		d, indexed = DataGPCRate, true
	case "inc_gpc0":
		d, op = DataGPC0, opInc
	case "inc_gpc1":
		d, op = DataGPC1, opInc
	case "inc_gpc":
		d, op, indexed = DataGPC, opInc, true
	case "clr_gpc0":
		d, op = DataGPC0, opClr
	case "clr_gpc1":
		d, op = DataGPC1, opClr
	case "clr_gpc":
		d, op, indexed = DataGPC, opClr, true
	case "updt_conn_cnt":
		d, op = DataConnCnt, opUpdtConnCnt
	default:
		var found bool
		d, found = StickDataByName(rest)
		ok = found
	}
	return
}

// fetchStick builds a stick counter fetch from its name.
func fetchStick(name string) FetchFunc {
	slot, src, d, op, indexed, ok := stickFetchSpec(name)
	if !ok {
		return nil
	}
	return func(c *Ctx, a []Arg, out *Sample) bool {
		i := 0
		idx := 0
		if indexed {
			idx = int(a[0].Int)
			i++
		}
		var ent Entry
		var tbl Table
		if src {
			tbl = c.tableArg(a, i)
			if tbl == nil {
				return false
			}
			var key Sample
			if !addrSample(&key, c.Src.Addr()) {
				return false
			}
			if op == opInc || op == opUpdtConnCnt {
				ent = tbl.Get(c, &key)
			} else {
				ent = tbl.Lookup(c, &key)
			}
		} else {
			s := slot
			if s < 0 {
				s = int(a[i].Int)
				i++
			}
			if s < 0 || s >= len(c.Track) {
				return false
			}
			tr := c.Track[s]
			if tr.Entry == nil {
				tr = c.SessTracked(s)
			}
			if op == opTracked {
				out.setInt(Bool, b2i(tr.Entry != nil))
				return true
			}
			if tr.Entry == nil {
				return false
			}
			if i < len(a) && a[i].Present && a[i].Str != "" && tr.Table != nil && a[i].Str != tr.Table.Name() {
				// another table than the tracked one: not followed
				return false
			}
			ent, tbl = tr.Entry, tr.Table
		}
		return stickOpOn(c, ent, d, idx, op, out)
	}
}

// stickOpOn applies a stick fetch's operation to an entry (nil: the
// key is not in the table, every value reads 0).
func stickOpOn(c *Ctx, ent Entry, d StickData, idx int, op stickOp, out *Sample) bool {
	now := c.NowMs()
	var v int64
	ok := true
	switch op {
	case opTrackers:
		if ent != nil {
			v = int64(ent.Trackers())
		}
	case opTracked:
		v = b2i(ent != nil)
		out.setInt(Bool, v)
		return true
	case opInc:
		if ent != nil {
			v, ok = ent.Add(d, idx, 1, now)
		}
	case opClr:
		if ent != nil {
			v, ok = ent.Clear(d, idx, now)
		}
	case opUpdtConnCnt:
		if ent != nil {
			ent.Add(DataConnRate, 0, 1, now)
			v, ok = ent.Add(DataConnCnt, 0, 1, now)
		}
	default:
		if ent != nil {
			v, ok = ent.Get(d, idx, now)
			if op == opKBytes {
				v >>= 10
			}
		}
	}
	if !ok {
		return false
	}
	out.setInt(SInt, v)
	return true
}

// tableArg returns the table argument i names, or the current proxy's
// table.
func (c *Ctx) tableArg(a []Arg, i int) Table {
	if c.Env == nil {
		return nil
	}
	if i < len(a) && a[i].Present && a[i].Str != "" {
		return c.Env.Table(a[i].Str)
	}
	p := c.Backend
	if p == nil {
		p = c.Frontend
	}
	if p == nil {
		return nil
	}
	return c.Env.Table(p.Name())
}

// fetchTableCnt is table_cnt / table_avl.
func fetchTableCnt(avail bool) FetchFunc {
	return func(c *Ctx, a []Arg, out *Sample) bool {
		t := c.tableArg(a, 0)
		if t == nil {
			return false
		}
		n := t.Len()
		if avail {
			n = t.Avail()
		}
		out.setInt(SInt, int64(n))
		return true
	}
}
