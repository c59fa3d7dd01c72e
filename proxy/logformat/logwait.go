package logformat

// WaitsForBytes reports a format using a variable that 2.6 marks
// LW_BYTES in log.c's logformat_keywords (byte counts, most timers,
// connection and queue counts, retries, %ID, %ts): a proxy whose
// formats have none logs its HTTP streams as soon as the response head
// was processed (http_process_res_common), not at their end. A nil
// format waits for nothing.
func (f *Format) WaitsForBytes() bool {
	if f == nil {
		return false
	}
	for i := range f.Nodes {
		if f.Nodes[i].Kind != Var {
			continue
		}
		switch f.Nodes[i].Alias {
		case BytesRead, UniqueID, TimeActive, TimeConnect, TimeHandshake, TimeIdle,
			TimeRequest, TimeResponse, TimeReceive, TimeData, TimeTotal, TimeUser, TimeWait,
			BytesUploaded, ActConn, BeConn, BackendQueue, FeConn, Retries, SrvConn,
			ServerQueue, TermState:
			return true
		}
	}
	return false
}
