package check

// Status is a check's last result code, as "show stat" reports it in
// check_status/agent_status (include/haproxy/check-t.h, enum
// healthcheck_status; management.txt section 9.3, "show stat").
type Status uint8

const (
	StatusUnknown  Status = iota // UNK: unknown
	StatusINI                    // INI: initializing, no check done yet
	StatusStart                  // a check is starting (internal)
	StatusChecked                // CHECKED: no status change (agent)
	StatusHANA                   // HANA: health analyze ("observe")
	StatusSOCKERR                // SOCKERR: socket error
	StatusL4OK                   // L4OK: layer 4 check passed
	StatusL4TOUT                 // L4TOUT: layer 4 timeout
	StatusL4CON                  // L4CON: layer 4 connection problem
	StatusL6OK                   // L6OK: layer 6 (SSL) check passed
	StatusL6TOUT                 // L6TOUT: layer 6 timeout
	StatusL6RSP                  // L6RSP: layer 6 invalid response
	StatusL7TOUT                 // L7TOUT: layer 7 timeout
	StatusL7RSP                  // L7RSP: layer 7 invalid response
	statusL57Data                // statuses from here on carry a code
	StatusL7OK                   // L7OK: layer 7 check passed
	StatusL7OKC                  // L7OKC: layer 7 check conditionally passed
	StatusL7STS                  // L7STS: layer 7 wrong status
	StatusPROCERR                // PROCERR: external check error
	StatusPROCTOUT               // PROCTOUT: external check timeout
	StatusPROCOK                 // PROCOK: external check passed
	numStatuses
)

// result is what a status means for the health counter (enum chk_result).
type result uint8

const (
	resultUnknown  result = iota // no result yet
	resultNeutral                // no change expected
	resultFailed                 // the check failed
	resultPassed                 // the check passed
	resultCondPass               // passed, but the server wants to stop (NOLB)
)

// statusInfo is check_statuses[] of src/check.c.
type statusInfo struct {
	res        result
	info, desc string
}

func (s Status) entry() statusInfo {
	switch s {
	case StatusUnknown:
		return statusInfo{resultUnknown, "UNK", "Unknown"}
	case StatusINI:
		return statusInfo{resultUnknown, "INI", "Initializing"}
	case StatusChecked:
		return statusInfo{resultNeutral, "CHECKED", "No status change"}
	case StatusHANA:
		return statusInfo{resultFailed, "HANA", "Health analyze"}
	case StatusSOCKERR:
		return statusInfo{resultFailed, "SOCKERR", "Socket error"}
	case StatusL4OK:
		return statusInfo{resultPassed, "L4OK", "Layer4 check passed"}
	case StatusL4TOUT:
		return statusInfo{resultFailed, "L4TOUT", "Layer4 timeout"}
	case StatusL4CON:
		return statusInfo{resultFailed, "L4CON", "Layer4 connection problem"}
	case StatusL6OK:
		return statusInfo{resultPassed, "L6OK", "Layer6 check passed"}
	case StatusL6TOUT:
		return statusInfo{resultFailed, "L6TOUT", "Layer6 timeout"}
	case StatusL6RSP:
		return statusInfo{resultFailed, "L6RSP", "Layer6 invalid response"}
	case StatusL7TOUT:
		return statusInfo{resultFailed, "L7TOUT", "Layer7 timeout"}
	case StatusL7RSP:
		return statusInfo{resultFailed, "L7RSP", "Layer7 invalid response"}
	case StatusL7OK:
		return statusInfo{resultPassed, "L7OK", "Layer7 check passed"}
	case StatusL7OKC:
		return statusInfo{resultCondPass, "L7OKC", "Layer7 check conditionally passed"}
	case StatusL7STS:
		return statusInfo{resultFailed, "L7STS", "Layer7 wrong status"}
	case StatusPROCERR:
		return statusInfo{resultFailed, "PROCERR", "External check error"}
	case StatusPROCTOUT:
		return statusInfo{resultFailed, "PROCTOUT", "External check timeout"}
	case StatusPROCOK:
		return statusInfo{resultPassed, "PROCOK", "External check passed"}
	}
	// the internal markers have no text: 2.6 falls back to "UNK"
	return statusInfo{resultUnknown, "UNK", "Unknown"}
}

// Info is the short code "show stat" prints ("L4CON").
func (s Status) Info() string { return s.entry().info }

// Description is the long text logs print after "reason: ".
func (s Status) Description() string { return s.entry().desc }

// String is Info.
func (s Status) String() string { return s.Info() }

// HasCode reports whether the status carries a response code that logs
// ("code: 200") and "show stat" (check_code) print.
func (s Status) HasCode() bool { return s > statusL57Data }

// hasDuration reports whether "show stat" prints check_duration.
func (s Status) hasDuration() bool { return s >= StatusChecked }

func (s Status) result() result { return s.entry().res }

// ParseStatus is the reverse of Info, for the statuses "http-check expect"
// accepts in ok-status, error-status and tout-status.
func ParseStatus(info string) (Status, bool) {
	for s := StatusUnknown; s < numStatuses; s++ {
		if s != statusL57Data && s != StatusStart && s.Info() == info {
			return s, true
		}
	}
	return 0, false
}
