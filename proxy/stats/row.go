package stats

// ObjType is a row's kind, the "type" field (STATS_TYPE_*).
type ObjType uint32

const (
	TypeFrontend ObjType = 0
	TypeBackend  ObjType = 1
	TypeServer   ObjType = 2
	TypeListener ObjType = 3
)

// letter is the typed output's object letter.
func (t ObjType) letter() byte {
	switch t {
	case TypeFrontend:
		return 'F'
	case TypeBackend:
		return 'B'
	case TypeListener:
		return 'L'
	case TypeServer:
		return 'S'
	}
	return '?'
}

// jsonName is the JSON output's "objType".
func (t ObjType) jsonName() string {
	switch t {
	case TypeFrontend:
		return "Frontend"
	case TypeBackend:
		return "Backend"
	case TypeListener:
		return "Listener"
	case TypeServer:
		return "Server"
	}
	return "Unknown"
}

// Row is one line of "show stat": a frontend, listener, server or
// backend, every field in position order.
type Row struct {
	V [NumFields]Value
}

// Type is the row's object type.
func (r *Row) Type() ObjType { return ObjType(r.V[FType].Uint()) }

// IID and SID are the proxy's and the server's (or listener's) ids.
func (r *Row) IID() uint32 { return uint32(r.V[FIid].Uint()) }
func (r *Row) SID() uint32 { return uint32(r.V[FSid].Uint()) }

// Get is the raw text of a field, as the CSV prints it unquoted.
func (r *Row) Get(f Field) string { return r.V[f].String() }
