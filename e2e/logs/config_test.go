package logs

import (
	"strconv"
	"strings"
)

// The configuration both haproxys run. Each frontend logs in another
// format to other targets; they share the request rules: "/deny" is
// denied, "/down" goes to a backend whose server refuses connections.
const configTemplate = `
global
  log 127.0.0.1:@UDP@ local0
  log-tag hklog

ring r1
  description "logs test ring"
  format rfc5424
  maxlen 300
  size 32768
  timeout connect 1s
  timeout server 5s
  server s1 127.0.0.1:@RING@ log-proto octet-count

defaults
  timeout client 3s
  timeout server 700ms
  timeout connect 1s
  timeout http-request 500ms
  log global

frontend fe_default
  mode http
  bind 127.0.0.1:@P_DEFAULT@
@RULES@

frontend fe_http
  mode http
  bind 127.0.0.1:@P_HTTP@
  log 127.0.0.1:@UDP@ len 120 format rfc5424 local1 info
  log ring@r1 local2
  option httplog
  log-format-sd "[exa@32473 m=\"%HM\" st=\"%ST\"]"
  capture request header Host len 20
  capture request header X-Test len 8
  capture response header X-R len 10
  capture cookie SID len 20
@RULES@

frontend fe_clf
  mode http
  bind 127.0.0.1:@P_CLF@
  no log
  log @UNIX@ local2
  option httplog clf
  option log-separate-errors
  capture request header Host len 20
@RULES@

frontend fe_https
  mode http
  bind 127.0.0.1:@P_HTTPS@
  no log
  log stdout format short local3
  option httpslog
  option dontlog-normal
@RULES@

frontend fe_tcp
  mode tcp
  bind 127.0.0.1:@P_TCP@
  no log
  log 127.0.0.1:@UDP@ format iso local4
  log stdout format raw local4
  option tcplog
  option dontlognull
  default_backend be_tcp

frontend fe_custom
  mode http
  bind 127.0.0.1:@P_CUSTOM@
  no log
  log 127.0.0.1:@UDP@ format timed local5
  log 127.0.0.1:@UDP@ format priority sample 1:2 local6 notice debug
  log-format "C %ci %fi:%fp %ft %b %s %bi:%bp %si:%sp %ST %B %U %ts %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %{+Q}r %HM %HU %HP %HPO %HQ %HV %ID %rt %CC %CS %hr %hs %hrl %hsl %{+Q}[capture.req.hdr(0)] %[var(txn.nope)] %H T[%Th/%Ti/%TR/%Tq/%Tw/%Tc/%Tr/%Td/%Ta/%Tt/%Tu]"
  error-log-format "E %ci %ST %tsc %{+Q}r %b/%s T[%TR/%Tw/%Ta]"
  unique-id-format "%{+X}o %fi:%fp_%rt"
  unique-id-header X-Unique-ID
  capture request header Host len 20
  capture response header X-R len 10
  capture cookie SID len 20
@RULES@

frontend fe_proxy
  mode http
  bind 127.0.0.1:@P_PROXY@ accept-proxy
  option httplog
@RULES@

log-forward lf
  dgram-bind 127.0.0.1:@P_FWD@
  log 127.0.0.1:@UDP@ local0
  log 127.0.0.1:@UDP@ format rfc5424 local2
  log 127.0.0.1:@UDP@ format rfc3164 local3 notice

backend be_app
  mode http
  server s1 127.0.0.1:@BE@

backend be_down
  mode http
  server s1 127.0.0.1:@DOWN@

backend be_tcp
  mode tcp
  server s1 127.0.0.1:@BE@
`

const rules = `  http-request deny if { path_beg /deny }
  use_backend be_down if { path_beg /down }
  default_backend be_app`

// layout is where everything of a run listens.
type layout struct {
	fe   map[string]int // frontend name -> port
	be   int            // the test's HTTP server
	down int            // a port nobody listens on
	udp  int
	ring int
	fwd  int // the log-forward section's UDP port
	unix string
}

func (l *layout) config() string {
	r := strings.NewReplacer(
		"@RULES@", rules,
		"@UDP@", strconv.Itoa(l.udp), "@RING@", strconv.Itoa(l.ring), "@UNIX@", l.unix,
		"@BE@", strconv.Itoa(l.be), "@DOWN@", strconv.Itoa(l.down),
		"@P_DEFAULT@", strconv.Itoa(l.fe["fe_default"]), "@P_HTTP@", strconv.Itoa(l.fe["fe_http"]),
		"@P_CLF@", strconv.Itoa(l.fe["fe_clf"]), "@P_HTTPS@", strconv.Itoa(l.fe["fe_https"]),
		"@P_TCP@", strconv.Itoa(l.fe["fe_tcp"]), "@P_CUSTOM@", strconv.Itoa(l.fe["fe_custom"]),
		"@P_FWD@", strconv.Itoa(l.fwd), "@P_PROXY@", strconv.Itoa(l.fe["fe_proxy"]),
	)
	return r.Replace(configTemplate)
}

// ports are every port of the layout (kept by the masker).
func (l *layout) ports() map[int]bool {
	m := map[int]bool{l.be: true, l.down: true, l.udp: true, l.ring: true, l.fwd: true}
	for _, p := range l.fe {
		m[p] = true
	}
	return m
}
