package log

// LogsAtResponse reports a frontend whose HTTP streams are logged once
// the response head was processed rather than at their end, as 2.6
// does when no format of the proxy uses a variable flagged LW_BYTES, or
// under "option logasap" (configuration.txt 4.2, "option logasap";
// http_ana.c, http_process_res_common). The line then shows the state
// of that moment: no termination flags yet, even for a body the server
// cuts later.
func (l *Logger) LogsAtResponse(frontend string) bool {
	fe := l.frontends[frontend]
	if fe == nil || fe.format == nil || !fe.http || len(fe.pl.targets) == 0 {
		return false
	}
	if fe.env.LogASAP {
		return true
	}
	return !fe.format.WaitsForBytes() && !fe.sd.WaitsForBytes() && !fe.errFormat.WaitsForBytes() &&
		!fe.uid.WaitsForBytes()
}
