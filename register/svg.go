package register

import (
	"bufio"
	"fmt"
	"io"

	"github.com/puntodiascolto/ascolto/internal/markup"
)

// WriteSVG draws the share of access decisions taken within the term per
// office, and overall, as horizontal bars (the previous period as a thin bar
// beneath each), in a self-contained SVG with no script or external
// resource. Offices without decisions in either period are left out.
func (r Report) WriteSVG(w io.Writer) error {
	type bar struct {
		label      string
		cur, prev  float64
		n, nPrev   int
		emphasised bool
	}
	var bars []bar
	if a := r.Access; a != nil {
		for _, g := range a.ByOffice {
			n, np := g.Figures.InTime+g.Figures.Late, g.Previous.InTime+g.Previous.Late
			if n+np > 0 {
				bars = append(bars, bar{label: g.Label, cur: g.Figures.InTimeShare(), prev: g.Previous.InTimeShare(), n: n, nPrev: np})
			}
		}
		n, np := a.Total.InTime+a.Total.Late, a.Previous.InTime+a.Previous.Late
		bars = append(bars, bar{label: "Totale", cur: a.Total.InTimeShare(), prev: a.Previous.InTimeShare(), n: n, nPrev: np, emphasised: true})
	}
	const (
		width, left, barW, rowH, top = 820, 340, 360, 34, 64
	)
	height := top + rowH*len(bars) + 44
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="13" role="img" aria-labelledby="titolo">`+"\n", width, height, width, height)
	fmt.Fprintf(b, `<title id="titolo">Provvedimenti di accesso adottati nel termine, per struttura: %s</title>`+"\n", xmlEscape(r.Period.String()))
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	fmt.Fprintf(b, `<text x="16" y="26" font-size="16" font-weight="bold">Provvedimenti nel termine per struttura — %s</text>`+"\n", xmlEscape(r.Period.String()))
	fmt.Fprintf(b, `<text x="16" y="46" fill="#555555">Barra piena: %s; barra sottile: %s. Tra parentesi i provvedimenti con termine.</text>`+"\n",
		xmlEscape(r.Period.String()), xmlEscape(r.Previous.String()))
	if len(bars) == 0 || (len(bars) == 1 && bars[0].n+bars[0].nPrev == 0) {
		fmt.Fprintf(b, `<text x="16" y="%d">Nessun provvedimento con termine nei due periodi.</text>`+"\n", top+20)
	}
	for _, t := range []int{0, 25, 50, 75, 100} {
		x := left + barW*t/100
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#dddddd"/>`+"\n", x, top-4, x, top+rowH*len(bars))
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="#555555">%d%%</text>`+"\n", x, top+rowH*len(bars)+16, t)
	}
	for i, br := range bars {
		y := top + i*rowH
		weight := "normal"
		if br.emphasised {
			weight = "bold"
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" font-weight="%s">%s</text>`+"\n", left-8, y+16, weight, xmlEscape(truncate(br.label, 42)))
		color := "#2a7ab0"
		if br.emphasised {
			color = "#1b4f72"
		}
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="16" fill="%s"><title>%s: %s (%d provvedimenti)</title></rect>`+"\n",
			left, y+4, int(float64(barW)*br.cur+0.5), color, xmlEscape(br.label), pct(br.cur), br.n)
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="5" fill="#aab7c4"><title>%s, periodo precedente: %s (%d provvedimenti)</title></rect>`+"\n",
			left, y+22, int(float64(barW)*br.prev+0.5), xmlEscape(br.label), pct(br.prev), br.nPrev)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s (%d)</text>`+"\n", left+barW+8, y+16, pctOf(br.cur, br.n), br.n)
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// xmlEscape escapes s for SVG text and attributes (markup.XML).
func xmlEscape(s string) string { return markup.XML(s) }
