package brand

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Colour is an sRGB colour as CSS writes it in hex.
type Colour struct{ R, G, B uint8 }

// ParseColour reads "#rgb" or "#rrggbb", in either case; the hash is
// required, so a colour name ("red") or a bare hex string is refused
// rather than guessed at.
func ParseColour(s string) (Colour, error) {
	hex, ok := strings.CutPrefix(strings.TrimSpace(s), "#")
	if !ok {
		return Colour{}, fmt.Errorf("colour %q: want #rgb or #rrggbb", s)
	}
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if len(hex) != 6 {
		return Colour{}, fmt.Errorf("colour %q: want #rgb or #rrggbb", s)
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return Colour{}, fmt.Errorf("colour %q: want #rgb or #rrggbb of hex digits", s)
	}
	return Colour{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, nil
}

// String writes the colour as "#rrggbb", lower case, as the checks' errors
// name it.
func (c Colour) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the colour's relative luminance as WCAG 2.x defines it:
// 0 for black, 1 for white.
func (c Colour) Luminance() float64 {
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// linear undoes sRGB's gamma for one channel. WCAG 2.x writes the
// threshold as 0.03928, the sRGB standard as 0.04045; no 8-bit value lies
// between them, so the two agree here.
func linear(channel uint8) float64 {
	v := float64(channel) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// Contrast is the WCAG 2.x contrast ratio of two colours, from 1 (the
// same) to 21 (black and white); the order does not matter.
func Contrast(a, b Colour) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
