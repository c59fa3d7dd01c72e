// Package server is a backend's server at run time: its address once
// resolved (configuration.txt section 5.2, "server" with port offsets and
// "init-addr"), the way connections to it are made ("source", "usesrc",
// "send-proxy", "send-proxy-v2", "timeout connect"), its idle connection
// pool ("http-reuse", "pool-max-conn", "pool-purge-delay") and its
// counters. Load-balancing state lives in proxy/balance; queues in
// proxy/backend.
package server
