package wrk

import (
	"strings"
	"testing"
	"time"
)

const report = `Running 3s test @ http://127.0.0.1:1/documents/d/clauses/1
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms    3.00ms  50.00ms   90.00%
    Req/Sec    17.20k     1.10k   19.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    2.50ms
     90%    4.00ms
     99%   11.52ms
  103031 requests in 3.01s, 1.2GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:  34266.10
Transfer/sec:    400.00MB
`

func TestParse(t *testing.T) {
	r, err := Parse(report)
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests != 103031 || r.RPS != 34266.10 || r.P50 != 812*time.Microsecond || r.P99 != 11520*time.Microsecond ||
		r.NonOK != 7 || r.SocketErrors != 3 || r.Socket != "connect 0, read 2, write 0, timeout 1" || r.Errors() != 10 {
		t.Errorf("Parse = %+v", r)
	}
	clean, err := Parse("  50%    1.00ms\n  99%    2.00s\n  10 requests in 1.00s, 1KB read\nRequests/sec:     10.00\n")
	if err != nil {
		t.Fatal(err)
	}
	if clean.Errors() != 0 || clean.Socket != "" || clean.P99 != 2*time.Second {
		t.Errorf("Parse(no errors) = %+v", clean)
	}
	if _, err := Parse("Running 3s test @ http://127.0.0.1:1/\nunable to connect to 127.0.0.1:1 Connection refused\n"); err == nil {
		t.Error("Parse(a failed run) = nil error")
	}
}

func TestArgs(t *testing.T) {
	got := Config{URL: "http://h/p", Threads: 2, Conns: 64, Duration: 1400 * time.Millisecond}.Args()
	want := "-t 2 -c 64 -d 1s --timeout 5s --latency http://h/p"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("Args = %q; want %q", s, want)
	}
	if s := strings.Join(Config{URL: "u", Threads: 1, Conns: 1}.Args(), " "); s != "-t 1 -c 1 -d 1s --timeout 5s --latency u" {
		t.Errorf("Args of a zero duration = %q; want at least one second", s)
	}
}
