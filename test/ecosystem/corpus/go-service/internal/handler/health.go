package handler

import "net/http"

// Health answers the load balancer's probe.
func Health(w http.ResponseWriter, _ *http.Request) {
	w.WriteHeader(http.StatusOK)
}
