package sample

// Session is what a client connection keeps from one stream to the next
// (HAProxy's struct session): the "sess." variables and the stick
// counters tracked by tcp-request connection and session rules. The
// engine owns one per connection and hands it to each stream's Ctx, so
// that keep-alive requests see the session's state and nothing of other
// connections'.
type Session struct {
	Vars  VarList
	Track [3]Tracked
}

// CountSession counts a new session in the entries the session tracks
// (sess_cnt, sess_rate), as session_count_new does once the
// tcp-request session rules accepted it.
func (s *Session) CountSession(nowMs int64) {
	for i := range s.Track {
		if e := s.Track[i].Entry; e != nil {
			e.Add(DataSessCnt, 0, 1, nowMs)
			e.Add(DataSessRate, 0, 1, nowMs)
		}
	}
}

// End releases the session's stick counters when the client connection
// closes (session_free, stream_stop_content_counters): the tracked
// entries' conn_cur go down.
func (s *Session) End(nowMs int64) {
	for i := range s.Track {
		if e := s.Track[i].Entry; e != nil {
			e.Track(-1)
			e.Add(DataConnCur, 0, -1, nowMs)
		}
		s.Track[i] = Tracked{}
	}
	s.Vars.Reset()
}

// SessTracked is the session's stick counter i, zero without a session.
func (s *Stream) SessTracked(i int) Tracked {
	if s.Sess == nil || i < 0 || i >= len(s.Sess.Track) {
		return Tracked{}
	}
	return s.Sess.Track[i]
}
