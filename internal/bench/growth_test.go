package bench

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

func testGrowth() *Growth {
	g := &Growth{Sizes: []int{10_000, 100_000, 1_000_000}}
	g.Set(0, "search median", "", "ms", "search", 0.5)
	g.Set(1, "search median", "", "ms", "search", 1)
	g.Set(2, "search median", "", "ms", "search", 3)
	g.Set(0, "search median", "FTS5", "ms", "search", 1)
	g.Set(2, "search median", "FTS5", "ms", "search", 10) // 100k not measured
	g.Set(0, "build", "", "clauses/s", "build", 30000)
	g.Set(1, "build", "", "clauses/s", "build", 30000)
	g.Set(2, "build", "", "clauses/s", "build", 27000)
	g.Target("search median", "< 3 ms")
	return g
}

// TestGrowthTable: one row per series, a column per size and the growth
// per tenfold, "-" where a size was not measured.
func TestGrowthTable(t *testing.T) {
	var b strings.Builder
	if err := testGrowth().Write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines; want a heading and 3 rows:\n%s", len(lines), b.String())
	}
	for _, want := range [][]string{
		{"measure", "unit", "10k", "100k", "1M", "×10", "(10k→100k)", "×10", "(100k→1M)", "target"},
		{"search", "median", "ms", "0.500", "1.00", "3.00", "2.00×", "3.00×", "<", "3", "ms"},
		{"FTS5", "search", "median", "ms", "1.00", "-", "10.0", "-", "-", "-"},
		{"build", "clauses/s", "30000", "30000", "27000", "1.00×", "0.90×", "-"},
	} {
		got := strings.Fields(lines[0])
		lines = lines[1:]
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %q; want %q", got, want)
		}
	}
}

// TestGrowthChart: the chart is well-formed SVG with a panel per group,
// a curve per series measured at two sizes or more (a peer's dashed), and
// larger archives further right.
func TestGrowthChart(t *testing.T) {
	var b strings.Builder
	if err := testGrowth().SVG(&b, "growth <test>"); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(strings.NewReader(b.String()))
	var panels, curves, dashed int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, b.String())
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range el.Attr {
			attr[a.Name.Local] = a.Value
		}
		switch {
		case el.Name.Local == "g" && strings.HasPrefix(attr["transform"], "translate"):
			panels++
		case el.Name.Local == "polyline":
			curves++
			if attr["stroke-dasharray"] != "" {
				dashed++
			}
			var last float64 = -1
			for _, p := range strings.Fields(attr["points"]) {
				var x, y float64
				if _, err := fmtSscan(p, &x, &y); err != nil || x <= last {
					t.Errorf("points %q do not go right", attr["points"])
				}
				last = x
			}
		}
	}
	if panels != 2 || curves != 3 || dashed != 1 {
		t.Errorf("%d panels, %d curves (%d dashed); want 2, 3 (1)", panels, curves, dashed)
	}
}

func fmtSscan(p string, x, y *float64) (int, error) {
	return fmt.Sscanf(p, "%g,%g", x, y)
}
