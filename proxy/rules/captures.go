package rules

// Captures are a transaction's capture slots as rules fill them
// ("http-request capture ... id|len", "http-response capture ... id",
// tcp-request content capture): one list for the request, one for the
// response, in the frontend's slot numbering (its "capture ... header"
// lines, "declare capture" lines and "len" actions, in 2.6's order).
type Captures struct {
	// Lens are the slots' lengths (cap_hdr.len) for the request [0] and
	// the response [1]; a nil list accepts any slot, cut to the action's
	// own "len".
	Lens [2][]int
	vals [2][][]byte
	set  [2][]bool
}

// reset forgets the values of the previous transaction, keeping their
// storage.
func (c *Captures) reset() {
	for d := range c.set {
		for i := range c.set[d] {
			c.set[d][i] = false
		}
	}
}

// store puts v in slot id of the request (res false) or the response,
// cut to the slot's length as http_action_req_capture_by_id does; a slot
// the frontend does not have takes nothing.
func (c *Captures) store(res bool, id, max int, v []byte) {
	d := 0
	if res {
		d = 1
	}
	if id < 0 {
		return
	}
	if lens := c.Lens[d]; lens != nil {
		if id >= len(lens) {
			return
		}
		max = lens[id]
	}
	if max > 0 && len(v) > max {
		v = v[:max]
	}
	for len(c.vals[d]) <= id {
		c.vals[d] = append(c.vals[d], nil)
		c.set[d] = append(c.set[d], false)
	}
	c.vals[d][id] = append(c.vals[d][id][:0], v...)
	c.set[d][id] = true
}

// Get returns request (res false) or response slot i, and whether a
// rule filled it in this transaction.
func (c *Captures) Get(res bool, i int) ([]byte, bool) {
	d := 0
	if res {
		d = 1
	}
	if i < 0 || i >= len(c.set[d]) || !c.set[d][i] {
		return nil, false
	}
	return c.vals[d][i], true
}
