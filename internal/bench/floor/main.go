// Command floor is the HTTP floor of the performance report: a bare
// net/http server that answers every request with a response recorded
// from Accord (status, every header, body), its gzip copy when the request
// accepts gzip. What Accord does beyond writing those bytes is the gap
// between the two.
//
//	floor -addr 127.0.0.1:PORT -responses FILE [-pprof 127.0.0.1:PORT]
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strings"

	"github.com/accord-archive/accord/internal/bench"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "listen on `ADDR`")
	file := flag.String("responses", "", "the recorded responses, a JSON list: identity, then gzip")
	pprofAddr := flag.String("pprof", "", "serve Go's runtime profiles on `ADDR`, as `accord serve --pprof` does")
	flag.Parse()
	b, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	// The first is sent to requests without gzip, the second to those with.
	var rs []bench.Recorded
	if err := json.Unmarshal(b, &rs); err != nil || len(rs) != 2 {
		log.Fatalf("%s: want a JSON list of two responses (%v)", *file, err)
	}
	if *pprofAddr != "" {
		// net/http/pprof registers on the default mux, which the floor
		// does not serve: only this listener does.
		go func() { log.Fatal(http.ListenAndServe(*pprofAddr, nil)) }()
	}
	identity, gzipped := rs[0], rs[1]
	// The Date header is net/http's to write, as it is for Accord.
	identity.Header.Del("Date")
	gzipped.Header.Del("Date")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res := &identity
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			res = &gzipped
		}
		hdr := w.Header()
		for k, v := range res.Header {
			hdr[k] = v
		}
		w.WriteHeader(res.Status)
		w.Write(res.Body)
	})
	log.Fatal(http.ListenAndServe(*addr, h))
}
