// The deploy end-to-end tests' app server (test/e2e/app-server.ts builds it, deploy-env.ts puts it
// in the test app). busybox httpd listens with a backlog of 9: on a loaded machine its accept queue
// overflowed and requests timed out while the product did nothing wrong. Go listens with the
// kernel's somaxconn (4096 in a container's network namespace on Linux >= 5.4).
//
// It answers what httpd answered: GET / the file /www/index.html ("version X"), and
// /cgi-bin/slow?SECONDS "slow X" after that many seconds. Like httpd, one request per connection:
// keep-alive would change what the proxy and slipway's drain see.
package main

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir("/www")))
	mux.HandleFunc("/cgi-bin/slow", func(w http.ResponseWriter, r *http.Request) {
		seconds, err := strconv.ParseFloat(r.URL.RawQuery, 64)
		if err != nil {
			seconds = 1
		}
		time.Sleep(time.Duration(seconds * float64(time.Second)))
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "slow %s\n", os.Getenv("VERSION"))
	})
	server := &http.Server{Addr: ":8080", Handler: mux}
	server.SetKeepAlivesEnabled(false)
	fmt.Fprintln(os.Stderr, server.ListenAndServe())
	os.Exit(1)
}
