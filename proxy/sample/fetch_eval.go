package sample

import "strings"

// fetchEval returns the run-time implementation of a fetch keyword, or
// nil for those hakeep does not evaluate (they find nothing: TLS
// details, payload parsing, internals of HAProxy's buffers).
func fetchEval(name string) FetchFunc {
	if f := tlsFetchEval(name); f != nil {
		return f
	}
	switch name {
	case "always_true":
		return fetchBool(true)
	case "always_false":
		return fetchBool(false)
	case "str":
		return fetchStr
	case "int":
		return fetchInt
	case "bool":
		return fetchConstBool
	case "bin":
		return fetchBin
	case "ipv4", "ipv6":
		return fetchIP
	case "meth":
		return fetchMeth
	case "env":
		return fetchEnv
	case "date":
		return fetchDate
	case "date_us":
		return fetchDateUS
	case "rand":
		return fetchRand
	case "var":
		return fetchVar
	case "uuid":
		return fetchUUID
	case "hostname":
		return fetchHostname
	case "nbproc", "proc":
		return fetchConstInt(1)
	case "thread":
		return fetchConstInt(0)
	case "stopping":
		return fetchStopping
	case "unique-id":
		return fetchUniqueID

	case "src", "fc_src":
		return fetchSrc
	case "dst", "fc_dst":
		return fetchDst
	case "src_port", "fc_src_port":
		return fetchSrcPort
	case "dst_port", "fc_dst_port":
		return fetchDstPort
	case "src_is_local", "fc_src_is_local":
		return fetchIsLocal(false)
	case "dst_is_local", "fc_dst_is_local":
		return fetchIsLocal(true)
	case "fe_name":
		return fetchProxyName(false)
	case "be_name":
		return fetchProxyName(true)
	case "fe_id":
		return fetchProxyID(false)
	case "be_id":
		return fetchProxyID(true)
	case "fe_defbe":
		return fetchFeDefBE
	case "fe_conn", "dst_conn":
		return fetchProxyStat(ProxyConn, true)
	case "fe_req_rate":
		return fetchProxyStat(ProxyReqRate, true)
	case "fe_sess_rate":
		return fetchProxyStat(ProxySessRate, true)
	case "fe_client_timeout":
		return fetchProxyStat(ProxyClientTimeout, true)
	case "be_conn":
		return fetchProxyStat(ProxyBeConn, false)
	case "be_conn_free":
		return fetchProxyStat(ProxyConnFree, false)
	case "be_sess_rate":
		return fetchProxyStat(ProxyBeSessRate, false)
	case "be_server_timeout", "cur_server_timeout":
		return fetchProxyStat(ProxyServerTimeout, false)
	case "be_tunnel_timeout", "cur_tunnel_timeout":
		return fetchProxyStat(ProxyTunnelTimeout, false)
	case "nbsrv":
		return fetchProxyStat(ProxyUsable, false)
	case "connslots":
		return fetchProxyStat(ProxyConnSlots, false)
	case "queue":
		return fetchProxyStat(ProxyQueue, false)
	case "avg_queue":
		return fetchAvgQueue
	case "srv_is_up":
		return fetchSrvIsUp
	case "srv_conn":
		return fetchSrvStat(ServerConn)
	case "srv_conn_free":
		return fetchSrvStat(ServerConnFree)
	case "srv_queue":
		return fetchSrvStat(ServerQueue)
	case "srv_sess_rate":
		return fetchSrvStat(ServerSessRate)
	case "srv_weight":
		return fetchSrvStat(ServerWeight)
	case "srv_uweight":
		return fetchSrvStat(ServerUWeight)
	case "srv_iweight":
		return fetchSrvStat(ServerIWeight)
	case "srv_name":
		return fetchSrvName
	case "srv_id":
		return fetchSrvID
	case "table_cnt":
		return fetchTableCnt(false)
	case "table_avl":
		return fetchTableCnt(true)

	case "method":
		return fetchMethod
	case "path":
		return fetchPath(false)
	case "pathq":
		return fetchPath(true)
	case "url":
		return fetchURL
	case "base":
		return fetchBase(false)
	case "baseq":
		return fetchBase(true)
	case "base32":
		return fetchBase32
	case "query":
		return fetchQuery
	case "url_param", "urlp":
		return fetchURLParam
	case "urlp_val":
		return fetchURLParamVal
	case "req.ver", "req_ver":
		return fetchVer(false)
	case "res.ver", "resp_ver":
		return fetchVer(true)
	case "status":
		return fetchStatus
	case "req.body":
		return fetchBody(false, false)
	case "req.body_len", "req.body_size":
		return fetchBody(false, true)
	case "req.body_param":
		return fetchBodyParam
	case "res.body":
		return fetchBody(true, false)
	case "res.body_len", "res.body_size":
		return fetchBody(true, true)
	case "req.len", "req_len":
		return fetchLen(chanReq)
	case "res.len":
		return fetchLen(chanRes)
	case "payload":
		return fetchPayload(chanByDir)
	case "req.payload":
		return fetchPayload(chanReq)
	case "res.payload":
		return fetchPayload(chanRes)
	case "payload_lv":
		return fetchPayloadLV(chanByDir)
	case "req.payload_lv":
		return fetchPayloadLV(chanReq)
	case "res.payload_lv":
		return fetchPayloadLV(chanRes)
	case "wait_end":
		return fetchWaitEnd
	case "rdp_cookie", "req.rdp_cookie":
		return fetchRDPCookie
	case "rdp_cookie_cnt", "req.rdp_cookie_cnt":
		return fetchRDPCookieCnt
	case "req.ssl_sni", "req_ssl_sni":
		return fetchHelloSNI
	case "req.ssl_alpn":
		return fetchHelloALPN
	case "req.ssl_ec_ext":
		return fetchHelloECExt
	case "req.ssl_st_ext":
		return fetchHelloSTExt
	case "req.ssl_hello_type", "req_ssl_hello_type":
		return fetchHelloType(chanReq)
	case "res.ssl_hello_type", "rep_ssl_hello_type":
		return fetchHelloType(chanRes)
	case "req.ssl_ver", "req_ssl_ver":
		return fetchHelloVer
	case "req.proto_http", "req_proto_http":
		return fetchProtoHTTP
	case "http_first_req":
		return fetchFirstReq

	case "hdr":
		return fetchHdr(false, false, false)
	case "req.hdr":
		return fetchHdr(true, false, false)
	case "res.hdr", "shdr":
		return fetchHdr(false, true, false)
	case "req.fhdr":
		return fetchHdr(true, false, true)
	case "res.fhdr":
		return fetchHdr(false, true, true)
	case "hdr_cnt":
		return fetchHdrCnt(false, false, false)
	case "req.hdr_cnt":
		return fetchHdrCnt(true, false, false)
	case "res.hdr_cnt", "shdr_cnt":
		return fetchHdrCnt(false, true, false)
	case "req.fhdr_cnt":
		return fetchHdrCnt(true, false, true)
	case "res.fhdr_cnt":
		return fetchHdrCnt(false, true, true)
	case "hdr_val":
		return fetchHdrVal(false, false)
	case "req.hdr_val":
		return fetchHdrVal(true, false)
	case "res.hdr_val", "shdr_val":
		return fetchHdrVal(false, true)
	case "hdr_ip":
		return fetchHdrIP(false, false)
	case "req.hdr_ip":
		return fetchHdrIP(true, false)
	case "res.hdr_ip", "shdr_ip":
		return fetchHdrIP(false, true)
	case "req.hdrs":
		return fetchHdrs(true)
	case "res.hdrs":
		return fetchHdrs(false)
	case "req.hdr_names":
		return fetchHdrNames(true)
	case "res.hdr_names":
		return fetchHdrNames(false)
	case "cook", "req.cook":
		return fetchCookie(true, false)
	case "cookie":
		return fetchCookie(false, false)
	case "res.cook", "scook":
		return fetchCookie(false, true)
	case "cook_cnt", "req.cook_cnt":
		return fetchCookieCnt(true, false)
	case "res.cook_cnt", "scook_cnt":
		return fetchCookieCnt(false, true)
	case "cook_val", "req.cook_val":
		return fetchCookieVal(true, false)
	case "res.cook_val", "scook_val":
		return fetchCookieVal(false, true)
	case "capture.req.method":
		return fetchReqLinePart(0)
	case "capture.req.uri":
		return fetchReqLinePart(1)
	case "capture.req.ver":
		return fetchReqLinePart(2)
	case "capture.res.ver":
		return fetchReqLinePart(3)
	case "url_ip":
		return fetchURLIP
	case "url_port":
		return fetchURLPort
	case "capture.req.hdr":
		return fetchCapture(false)
	case "capture.res.hdr":
		return fetchCapture(true)

	case "http_auth":
		return fetchHTTPAuth
	case "http_auth_group":
		return fetchHTTPAuthGroup
	case "http_auth_type":
		return fetchAuthType
	case "http_auth_user":
		return fetchAuthPart(false)
	case "http_auth_pass":
		return fetchAuthPart(true)
	case "http_auth_bearer":
		return fetchAuthBearer

	case "fc_rcvd_proxy":
		return fetchFalse
	}
	if strings.HasPrefix(name, "sc") || strings.HasPrefix(name, "src_") {
		return fetchStick(name)
	}
	return nil
}
