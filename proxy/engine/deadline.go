package engine

import "time"

// deadliner is a connection's deadline setters.
type deadliner interface {
	SetReadDeadline(time.Time) error
	SetWriteDeadline(time.Time) error
}

// Deadlines are inactivity timeouts: "timeout client" must strike after
// that long without progress. Re-arming a deadline costs a runtime timer
// update each time, so one already armed within 1/16 of the wanted time
// is left alone: a timeout then strikes between 15/16 of its value and
// its value after the last activity, never later.

// extendRead arms c's read deadline timeout from now (none for 0). by is
// the deadline armed.
func extendRead(c deadliner, by *time.Time, now time.Time, timeout time.Duration) {
	if timeout <= 0 {
		setRead(c, by, time.Time{})
		return
	}
	want := now.Add(timeout)
	if by.After(now) && !want.Before(*by) && want.Sub(*by) < timeout/16 {
		return
	}
	c.SetReadDeadline(want)
	*by = want
}

// extendWrite is extendRead for writes.
func extendWrite(c deadliner, by *time.Time, now time.Time, timeout time.Duration) {
	if timeout <= 0 {
		setWrite(c, by, time.Time{})
		return
	}
	want := now.Add(timeout)
	if by.After(now) && !want.Before(*by) && want.Sub(*by) < timeout/16 {
		return
	}
	c.SetWriteDeadline(want)
	*by = want
}

// setRead arms an exact read deadline (an absolute one, like "timeout
// http-request"), the zero time for none.
func setRead(c deadliner, by *time.Time, t time.Time) {
	if !t.Equal(*by) {
		c.SetReadDeadline(t)
		*by = t
	}
}

func setWrite(c deadliner, by *time.Time, t time.Time) {
	if !t.Equal(*by) {
		c.SetWriteDeadline(t)
		*by = t
	}
}

// past is a deadline that has already passed: it wakes a blocked reader
// or writer at once.
func past() time.Time { return time.Unix(1, 0) }
