package bench

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// The chart is small multiples: one log-log panel per group of series
// (Series.Panel), since a build rate, a latency and a size share no axis.
// A straight line in a panel is a power law; its slope is the exponent,
// and the grey dotted line of slope one is growth in proportion to the
// archive, to read the others against.
const (
	panelW, panelH = 320, 230
	plotL, plotR   = 52, 12 // the plot's margins inside a panel
	plotT, plotB   = 58, 34 // title and legend above, axis labels below
	chartCols      = 3
	chartPad       = 10
)

// palette colours a panel's series in order; a peer's curve is dashed.
var palette = []string{"#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad"}

// SVG writes the chart of g, titled title, as a standalone SVG document.
func (g *Growth) SVG(w io.Writer, title string) error {
	var panels []string
	of := map[string][]Series{}
	for _, s := range g.Series {
		if _, ok := of[s.Panel]; !ok {
			panels = append(panels, s.Panel)
		}
		of[s.Panel] = append(of[s.Panel], s)
	}
	rows := (len(panels) + chartCols - 1) / chartCols
	width := chartCols*panelW + (chartCols+1)*chartPad
	height := 40 + rows*(panelH+chartPad) + chartPad
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="24" font-size="15" font-weight="bold">%s</text>`+"\n", chartPad, html.EscapeString(title))
	fmt.Fprintf(&b, `<text x="%d" y="24" text-anchor="end" fill="#555">dashed: the peer (FTS5); dotted grey: in proportion to the archive</text>`+"\n", width-chartPad)
	for i, p := range panels {
		x := chartPad + (i%chartCols)*(panelW+chartPad)
		y := 40 + (i/chartCols)*(panelH+chartPad)
		g.panel(&b, x, y, p, of[p])
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// decades is the range of whole powers of ten that holds vs (those > 0).
func decades(vs []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if v > 0 && !math.IsInf(v, 0) && !math.IsNaN(v) {
			lo, hi = min(lo, math.Log10(v)), max(hi, math.Log10(v))
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 0, false
	}
	lo, hi = math.Floor(lo), math.Ceil(hi)
	if hi <= lo {
		hi = lo + 1
	}
	return lo, hi, true
}

func (g *Growth) panel(b *strings.Builder, x0, y0 int, title string, series []Series) {
	fmt.Fprintf(b, `<g transform="translate(%d,%d)">`+"\n", x0, y0)
	fmt.Fprintf(b, `<rect width="%d" height="%d" fill="none" stroke="#ccc"/>`+"\n", panelW, panelH)
	fmt.Fprintf(b, `<text x="8" y="16" font-weight="bold">%s (%s)</text>`+"\n", html.EscapeString(title), html.EscapeString(series[0].Unit))
	sizes := make([]float64, len(g.Sizes))
	for i, n := range g.Sizes {
		sizes[i] = float64(n)
	}
	var all []float64
	for _, s := range series {
		all = append(all, s.Values...)
	}
	xlo, xhi, okx := decades(sizes)
	ylo, yhi, oky := decades(all)
	if !okx || !oky {
		b.WriteString("</g>\n")
		return
	}
	w, h := float64(panelW-plotL-plotR), float64(panelH-plotT-plotB)
	px := func(v float64) float64 { return plotL + (math.Log10(v)-xlo)/(xhi-xlo)*w }
	py := func(v float64) float64 { return plotT + h - (math.Log10(v)-ylo)/(yhi-ylo)*h }

	// The grid: a line per power of ten, and at 2 and 5 when the axis
	// spans few decades.
	fmt.Fprintf(b, `<g stroke="#eee">`)
	for e := xlo; e <= xhi; e++ {
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f"/>`, px(math.Pow(10, e)), plotT, px(math.Pow(10, e)), plotT+h)
	}
	for _, v := range yTicks(ylo, yhi) {
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f"/>`, plotL, py(v), plotL+w, py(v))
	}
	b.WriteString("</g>\n")
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.0f" height="%.0f" fill="none" stroke="#999"/>`+"\n", plotL, plotT, w, h)
	for e := xlo; e <= xhi; e++ {
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", px(math.Pow(10, e)), plotT+h+14, Count(int(math.Pow(10, e))))
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#555">clauses</text>`+"\n", plotL+w/2, panelH-5)
	for _, v := range yTicks(ylo, yhi) {
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", plotL-4, py(v)+4, tick(v))
	}

	// Growth in proportion to the archive, through the first series'
	// first point, clipped to the plot.
	if x, y, ok := firstPoint(sizes, series[0].Values); ok {
		x1, y1 := x, y
		x2 := math.Pow(10, xhi)
		y2 := y * x2 / x
		if y2 > math.Pow(10, yhi) {
			y2 = math.Pow(10, yhi)
			x2 = x * y2 / y
		}
		fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#aaa" stroke-dasharray="1,3"><title>∝ clauses</title></line>`+"\n", px(x1), py(y1), px(x2), py(y2))
	}

	colours := map[string]string{} // a peer's curve takes the colour of Accord's same measure
	for k, s := range series {
		colour, ok := colours[s.Measure]
		if !ok {
			colour = palette[len(colours)%len(palette)]
			colours[s.Measure] = colour
		}
		dash := ""
		if s.Peer != "" {
			dash = ` stroke-dasharray="5,3"`
		}
		var pts []string
		for i, v := range s.Values {
			if v > 0 {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(sizes[i]), py(v)))
			}
		}
		if len(pts) > 1 {
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), colour, dash)
		}
		for i, v := range s.Values {
			if v > 0 {
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s at %s: %s %s</title></circle>`+"\n",
					px(sizes[i]), py(v), colour, html.EscapeString(s.label()), Count(g.Sizes[i]), Value(v), html.EscapeString(s.Unit))
			}
		}
		// The legend, two entries a line under the title.
		lx, ly := 8+(k%2)*(panelW/2), 31+(k/2)*13
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`, lx, ly-4, lx+16, ly-4, colour, dash)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", lx+20, ly, html.EscapeString(s.label()))
	}
	b.WriteString("</g>\n")
}

// firstPoint is the first measured point of vals.
func firstPoint(sizes, vals []float64) (x, y float64, ok bool) {
	for i, v := range vals {
		if v > 0 {
			return sizes[i], v, true
		}
	}
	return 0, 0, false
}

// yTicks are the powers of ten from 10^lo to 10^hi, with 2 and 5 between
// them when there are at most two decades.
func yTicks(lo, hi float64) []float64 {
	var out []float64
	for e := lo; e <= hi; e++ {
		p := math.Pow(10, e)
		out = append(out, p)
		if hi-lo <= 2 && e < hi {
			out = append(out, 2*p, 5*p)
		}
	}
	return out
}

// tick writes an axis value: 0.01, 0.5, 20, 5k, 1M.
func tick(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%gM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%gk", v/1e3)
	}
	return fmt.Sprintf("%g", math.Round(v*1e6)/1e6)
}
