// Package stats is HAProxy 2.6's statistics: the fields of "show stat"
// and of the stats page (management.txt section 9.1), the process
// information of "show info" (section 9.3), their CSV, typed and JSON
// encodings, and the HTML page a "stats uri" serves (configuration.txt
// section 4.2, "stats ...") with its admin actions.
//
// The package does not reach into the engine: the engine describes each
// frontend, listener, backend and server with the plain structs of
// objects.go, and Fill* turn them into rows of typed values exactly as
// 2.6's stats_fill_*_stats() do. Encoders then print the rows.
package stats
