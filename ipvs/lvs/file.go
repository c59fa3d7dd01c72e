package lvs

import "math"

// fileStatus is the status a track file's value gives a FILE_CHECK
// (update_track_file_status()): the value times the weight (negated for
// reverse), within int32, or with weight 0 either up (0) or failed.
func fileStatus(f *FileConfig, v int64) int64 {
	if f.Weight == 0 {
		if (v != 0) != f.Reverse {
			return ipvsWeightFault
		}
		return 0
	}
	return min(max(v*fileMultiplier(f), math.MinInt32), math.MaxInt32)
}

func fileMultiplier(f *FileConfig) int64 {
	if f.Reverse {
		return -f.Weight
	}
	return f.Weight
}

// fileInitial is set_track_file_weights() and
// set_track_file_checkers_down() on a first start, with the count
// init_service_rs() makes of the failed ones.
func fileInitial(ck *checker) {
	f, v := ck.cfg.File, ck.file.last
	if v == 0 {
		return
	}
	if f.Weight != 0 {
		ck.curWeight = v * fileMultiplier(f)
	}
	if f.Weight == 0 || v*fileMultiplier(f) <= ipvsWeightFault {
		ck.isUp = false
		ck.rs.numFailed++
	}
}

// fileChanged is process_update_checker_track_file_status(): a new value
// in a FILE_CHECK's file.
func (c *core) fileChanged(ck *checker, v int64) {
	if v == ck.file.last {
		return
	}
	f := ck.cfg.File
	prev, next := fileStatus(f, ck.file.last), fileStatus(f, v)
	ck.file.last = v
	if prev == next {
		return
	}
	switch {
	case next == ipvsWeightFault:
		c.updateSvrCheckerState(false, ck)
		ck.rs.effWeight -= ck.curWeight
		ck.curWeight = 0
	case prev == ipvsWeightFault:
		ck.curWeight = next
		ck.rs.effWeight += next
		c.updateSvrCheckerState(true, ck)
	default:
		c.updateSvrWeight(ck.rs.effWeight+next-prev, ck.vs, ck.rs, true)
		ck.curWeight = next
	}
}
