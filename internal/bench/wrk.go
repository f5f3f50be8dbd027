package bench

import (
	"bufio"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Load is one wrk run's outcome.
type Load struct {
	RPS      float64
	P50, P99 time.Duration
	Errors   int // socket errors and non-2xx/3xx answers
}

// WrkArgs are the arguments of one wrk run against url.
func WrkArgs(url string, conns, threads int, d time.Duration) []string {
	return []string{"-c", strconv.Itoa(conns), "-t", strconv.Itoa(threads),
		"-d", fmt.Sprintf("%ds", int(d.Seconds())), "--latency", url}
}

// Wrk runs wrk with args and reads its report.
func Wrk(args []string) (Load, error) {
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return Load{}, fmt.Errorf("wrk %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return parseWrk(string(out))
}

func parseWrk(out string) (Load, error) {
	var l Load
	var have [3]bool
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "50%":
			l.P50, have[0] = wrkDuration(f[1]), true
		case len(f) == 2 && f[0] == "99%":
			l.P99, have[1] = wrkDuration(f[1]), true
		case len(f) == 2 && f[0] == "Requests/sec:":
			l.RPS, _ = strconv.ParseFloat(f[1], 64)
			have[2] = true
		case len(f) > 0 && f[0] == "Non-2xx":
			n, _ := strconv.Atoi(f[len(f)-1])
			l.Errors += n
		case len(f) > 2 && f[0] == "Socket" && f[1] == "errors:":
			for i := 2; i+1 < len(f); i += 2 {
				n, _ := strconv.Atoi(strings.TrimSuffix(f[i+1], ","))
				l.Errors += n
			}
		}
	}
	if !have[0] || !have[1] || !have[2] {
		return l, fmt.Errorf("cannot read wrk's report:\n%s", out)
	}
	return l, nil
}

// wrkDuration reads wrk's "812.00us", "1.23ms", "2.00s".
func wrkDuration(s string) time.Duration {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"m", time.Minute}, {"s", time.Second}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0
			}
			return time.Duration(f * float64(u.unit))
		}
	}
	return 0
}
