package ipvstest

// The IPVS family's numbers (include/uapi/linux/ip_vs.h), kept apart from
// ipvsnl's so that a wrong number on one side shows up as a failure
// rather than cancelling out.
const (
	cmdNewService = 1
	cmdSetService = 2
	cmdDelService = 3
	cmdGetService = 4
	cmdNewDest    = 5
	cmdSetDest    = 6
	cmdDelDest    = 7
	cmdGetDest    = 8
	cmdNewDaemon  = 9
	cmdDelDaemon  = 10
	cmdGetDaemon  = 11
	cmdSetConfig  = 12
	cmdGetConfig  = 13
	cmdSetInfo    = 14
	cmdGetInfo    = 15
	cmdZero       = 16
	cmdFlush      = 17

	attrService = 1
	attrDest    = 2
	attrDaemon  = 3
	attrTCP     = 4
	attrTCPFin  = 5
	attrUDP     = 6

	svcAF, svcProtocol, svcAddr, svcPort, svcFWMark  = 1, 2, 3, 4, 5
	svcSched, svcFlags, svcTimeout, svcNetmask       = 6, 7, 8, 9
	svcStats, svcPE, svcStats64                      = 10, 11, 12
	destAddr, destPort, destFwd, destWeight          = 1, 2, 3, 4
	destUThresh, destLThresh                         = 5, 6
	destActive, destInact, destPersist, destStats    = 7, 8, 9, 10
	destAF, destStats64, destTunType, destTunPort    = 11, 12, 13, 14
	destTunFlags                                     = 15
	daemonState, daemonIfn, daemonSyncID, daemonMax  = 1, 2, 3, 4
	daemonGroup, daemonGroup6, daemonPort, daemonTTL = 5, 6, 7, 8
	infoVersion, infoConnTabSize                     = 1, 2
	connFwdMask                                      = 0x7 // IP_VS_CONN_F_FWD_MASK
	fwdTunnel                                        = 2
	tunGUE                                           = 1
	svcFHashed                                       = 0x2
	versionCode                                      = 0x010201 // IP_VS_VERSION_CODE
	connTabSize                                      = 4096     // 1 << CONFIG_IP_VS_TAB_BITS (12 in Debian's kernel)
	afInet, afInet6                                  = 2, 10
	protoTCP, protoUDP, protoSCTP                    = 6, 17, 132

	// The controller family (include/uapi/linux/genetlink.h).
	ctrlID, ctrlCmdNewFamily, ctrlCmdGetFamily = 0x10, 1, 3
	ctrlAttrFamilyID, ctrlAttrFamilyName       = 1, 2
	ctrlAttrVersion, ctrlAttrHdrSize           = 3, 4
	ctrlAttrMaxAttr                            = 5
)

// knownScheduler reports the ip_vs_* scheduler modules Debian's kernel builds,
// plus "none" (ip_vs_ctl.c accepts it for a service without scheduler).
func knownScheduler(name string) bool {
	switch name {
	case "rr", "wrr", "lc", "wlc", "fo", "ovf", "lblc", "lblcr", "dh", "sh", "mh", "sed", "nq", "none":
		return true
	}
	return false
}

// knownPE reports the persistence engines Debian's kernel builds.
func knownPE(name string) bool { return name == "sip" }
