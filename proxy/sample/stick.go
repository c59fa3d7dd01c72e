package sample

// StickData is one kind of value a stick table stores (STKTABLE_DT_* in
// HAProxy 2.6; configuration.txt §4.2 "stick-table" store types).
type StickData uint8

const (
	DataServerID StickData = iota
	DataGPT0
	DataGPC0
	DataGPC0Rate
	DataConnCnt
	DataConnRate
	DataConnCur
	DataSessCnt
	DataSessRate
	DataHTTPReqCnt
	DataHTTPReqRate
	DataHTTPErrCnt
	DataHTTPErrRate
	DataBytesInCnt
	DataBytesInRate
	DataBytesOutCnt
	DataBytesOutRate
	DataGPC1
	DataGPC1Rate
	DataServerKey
	DataHTTPFailCnt
	DataHTTPFailRate
	DataGPT
	DataGPC
	DataGPCRate
	NumStickData
)

// stickDataNames are the store names of the stick-table keyword.
func stickDataNames() [NumStickData]string {
	return [NumStickData]string{
		"server_id", "gpt0", "gpc0", "gpc0_rate", "conn_cnt", "conn_rate", "conn_cur",
		"sess_cnt", "sess_rate", "http_req_cnt", "http_req_rate", "http_err_cnt",
		"http_err_rate", "bytes_in_cnt", "bytes_in_rate", "bytes_out_cnt", "bytes_out_rate",
		"gpc1", "gpc1_rate", "server_key", "http_fail_cnt", "http_fail_rate", "gpt", "gpc",
		"gpc_rate",
	}
}

// String is the data type's name in "stick-table ... store".
func (d StickData) String() string {
	if d < NumStickData {
		return stickDataNames()[d]
	}
	return "unknown"
}

// StickDataByName returns the data type of a store name.
func StickDataByName(name string) (StickData, bool) {
	for i, n := range stickDataNames() {
		if n == name {
			return StickData(i), true
		}
	}
	return 0, false
}

// Table is a stick table as fetches, converters and actions use it. The
// stick package implements it.
type Table interface {
	Name() string
	// Lookup finds the entry of a key sample (cast to the table's key
	// type as smp_to_stkey does), or nil.
	Lookup(c *Ctx, key *Sample) Entry
	// Get finds or creates the entry of a key sample and refreshes its
	// expiry; nil when the key cannot be converted or the table is full.
	Get(c *Ctx, key *Sample) Entry
	// Len is the number of entries (table_cnt), Avail the room left
	// (table_avl).
	Len() int
	Avail() int
}

// Entry is one stick-table entry (struct stksess).
type Entry interface {
	// Get reads a stored value as of nowMs (rates are computed over
	// their period); ok is false when the table does not store d.
	Get(d StickData, idx int, nowMs int64) (v int64, ok bool)
	// Add adds delta to a counter or rate and returns the new value.
	Add(d StickData, idx int, delta int64, nowMs int64) (v int64, ok bool)
	// Set stores v into a tag (gpt) or server_id.
	Set(d StickData, idx int, v int64) bool
	// Clear zeroes a counter and returns its previous value.
	Clear(d StickData, idx int, nowMs int64) (old int64, ok bool)
	// Trackers is the number of stick counters tracking the entry;
	// Track adds delta to it when a counter starts or stops tracking.
	Trackers() int
	Track(delta int)
	// Expire is the time left before expiry in ms, Idle the time since
	// the last update.
	Expire(nowMs int64) int64
	Idle(nowMs int64) int64
}
