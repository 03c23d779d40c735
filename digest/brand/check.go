package brand

import (
	"fmt"
	"strconv"
)

// MinTextContrast is what WCAG 2.x level AA asks of normal-size text
// against its background (success criterion 1.4.3). The accent colours
// links and headings, so it is held to the text ratio, not the 3:1 for
// large text and graphics.
const MinTextContrast = 4.5

// Check reads the accent and background colours and returns an error
// naming both and their ratio when the accent is below MinTextContrast on
// the background.
func Check(accent, background string) error {
	a, err := ParseColour(accent)
	if err != nil {
		return fmt.Errorf("accent %w", err)
	}
	b, err := ParseColour(background)
	if err != nil {
		return fmt.Errorf("background %w", err)
	}
	if r := Contrast(a, b); r < MinTextContrast {
		return fmt.Errorf("accent colour %s on %s has contrast %s:1, below the %s:1 WCAG AA needs for text",
			a, b, ratio(r, MinTextContrast), ratio(MinTextContrast, 0))
	}
	return nil
}

// ratio writes r with one decimal ("1.5", "21"), or as many more as it
// takes not to round a ratio just under need up to it: #777777 on white is
// 4.48, which "4.5" would make look like a pass.
func ratio(r, need float64) string {
	for prec := 1; prec < 6; prec++ {
		s := strconv.FormatFloat(r, 'f', prec, 64)
		if v, _ := strconv.ParseFloat(s, 64); r >= need || v < need {
			return trimZeros(s)
		}
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// trimZeros drops a fraction of zeros: "21.0" is "21".
func trimZeros(s string) string {
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
