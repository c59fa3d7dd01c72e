package fsm

import "time"

// skew is the Skew_Time of RFC 3768 §6.1 ((256-Priority)/256 seconds) and
// RFC 5798 §6.1 (((256-Priority) * Master_Adver_Interval) / 256). Like
// keepalived (vrrp.h VRRP_TIMER_SKEW) it uses the effective priority and
// microsecond integer arithmetic, the v3 form reduced to centiseconds times
// 625/16 so the rounding matches.
func skew(version, prio uint8, masterAdverInt time.Duration) time.Duration {
	p := int64(256 - int(prio))
	if version == 3 {
		cs := int64(masterAdverInt / (10 * time.Millisecond))
		return time.Duration(p*cs*625/16) * time.Microsecond
	}
	return time.Duration(p*1000000/256) * time.Microsecond
}

// masterDown is the Master_Down_Interval: adverts × Master_Adver_Interval
// plus the skew. The RFCs fix adverts at 3; keepalived 2.2.7 makes it
// configurable (down_timer_adverts), default 3.
func masterDown(version, prio uint8, adverts int, masterAdverInt time.Duration) time.Duration {
	return time.Duration(adverts)*masterAdverInt + skew(version, prio, masterAdverInt)
}
