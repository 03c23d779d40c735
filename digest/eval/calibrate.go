package eval

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
)

// maxCalibrationGap is the largest mean absolute difference from NIST's
// ROUGE-2 figures, in recall points, at which our quality figures count.
const maxCalibrationGap = 0.5

// Calibration compares our ROUGE with NIST's on the official peers.
type Calibration struct {
	// Rows pairs each system's official recall with ours, by system id.
	Rows []CalibrationRow
	// MeanAbs is the mean absolute difference per measure, in points.
	MeanAbs Recall
	// Spearman is the rank correlation over the systems per measure.
	Spearman Recall
}

// CalibrationRow is one system's pair of scores.
type CalibrationRow struct {
	System         string
	Official, Ours Recall
}

// OK reports whether the scorer agrees with NIST closely enough for its
// figures to count.
func (c *Calibration) OK() bool { return len(c.Rows) > 0 && c.MeanAbs.R2 <= maxCalibrationGap }

// Calibrate scores every official peer (the systems NIST lists with a
// number; the humans are models) with our scorer, limit words, and
// compares with NIST's own recall.
func Calibrate(d *DUC, limit int) *Calibration {
	official := map[string]Recall{}
	for _, o := range d.Official {
		if _, err := strconv.Atoi(o.System); err == nil {
			official[o.System] = o.Recall
		}
	}
	sums := map[string]Recall{}
	counts := map[string]int{}
	for _, c := range d.Clusters {
		s := NewScorer(c.Models, limit)
		for system, peer := range c.Peers {
			if _, ok := official[system]; !ok {
				continue
			}
			sums[system] = sums[system].Plus(s.Score(peer))
			counts[system]++
		}
	}
	cal := &Calibration{}
	for system, r := range official {
		if counts[system] == 0 {
			continue
		}
		cal.Rows = append(cal.Rows, CalibrationRow{System: system, Official: r, Ours: sums[system].Times(1 / float64(counts[system]))})
	}
	sort.Slice(cal.Rows, func(i, j int) bool {
		a, _ := strconv.Atoi(cal.Rows[i].System)
		b, _ := strconv.Atoi(cal.Rows[j].System)
		return a < b
	})
	if len(cal.Rows) == 0 {
		return cal
	}
	var abs Recall
	for _, r := range cal.Rows {
		abs = abs.Plus(Recall{math.Abs(r.Ours.R1 - r.Official.R1), math.Abs(r.Ours.R2 - r.Official.R2), math.Abs(r.Ours.SU4 - r.Official.SU4)})
	}
	cal.MeanAbs = abs.Times(100 / float64(len(cal.Rows)))
	pick := []func(Recall) float64{
		func(r Recall) float64 { return r.R1 },
		func(r Recall) float64 { return r.R2 },
		func(r Recall) float64 { return r.SU4 },
	}
	var rho [3]float64
	for k, f := range pick {
		var xs, ys []float64
		for _, r := range cal.Rows {
			xs, ys = append(xs, f(r.Official)), append(ys, f(r.Ours))
		}
		rho[k] = spearman(xs, ys)
	}
	cal.Spearman = Recall{R1: rho[0], R2: rho[1], SU4: rho[2]}
	return cal
}

// WriteSummary prints the agreement in two lines.
func (c *Calibration) WriteSummary(w io.Writer) {
	verdict := "agrees: quality figures count"
	if !c.OK() {
		verdict = fmt.Sprintf("DISAGREES (R-2 gap over %.1f point): quality figures do not count", maxCalibrationGap)
	}
	fmt.Fprintf(w, "scorer vs NIST on %d systems: mean |diff| R-1 %.2f, R-2 %.2f, SU4 %.2f points; Spearman R-1 %.3f, R-2 %.3f, SU4 %.3f — %s\n",
		len(c.Rows), c.MeanAbs.R1, c.MeanAbs.R2, c.MeanAbs.SU4, c.Spearman.R1, c.Spearman.R2, c.Spearman.SU4, verdict)
}

// spearman is the rank correlation of xs and ys, ties given their mean
// rank.
func spearman(xs, ys []float64) float64 {
	rx, ry := ranks(xs), ranks(ys)
	return pearson(rx, ry)
}

func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	out := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			out[idx[k]] = mean
		}
		i = j + 1
	}
	return out
}

func pearson(xs, ys []float64) float64 {
	n := float64(len(xs))
	if n < 2 {
		return 0
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}
