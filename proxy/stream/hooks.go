package stream

// Logger receives one Record per TCP session or HTTP transaction, at its
// end ("log" targets and log-format are another layer: proxy/logformat
// evaluates formats, the log package sends lines).
type Logger interface {
	Log(r *Record)
}
