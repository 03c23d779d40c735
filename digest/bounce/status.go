package bounce

import "strings"

// A status is an RFC 3463 enhanced code, class.subject.detail: class 2,
// 4 or 5, subject and detail of one to three digits. Its class decides
// permanent (5) from temporary (4).

// findStatus returns the first enhanced status code in s whose class is
// 4 or 5, where it starts, and its length. A code must stand alone: the
// digits of an IP address (192.0.2.153), a version (4.72) or a longer
// dotted number are never taken for one.
func findStatus(s string) (string, int) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '4' && c != '5' {
			continue
		}
		if i > 0 && (isDigit(s[i-1]) || s[i-1] == '.') {
			continue
		}
		j := i + 1
		ok := true
		for k := 0; k < 2 && ok; k++ {
			if j >= len(s) || s[j] != '.' {
				ok = false
				break
			}
			n := digits(s[j+1:])
			if n < 1 || n > 3 {
				ok = false
				break
			}
			j += 1 + n
		}
		if !ok {
			continue
		}
		if j < len(s) && (isDigit(s[j]) || (s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]))) {
			continue
		}
		return s[i:j], i
	}
	return "", -1
}

// findReply returns the first SMTP reply code in s of class 4 or 5 (a
// three-digit number standing alone, such as the 550 in "said: 550 No
// such user"), where it starts.
func findReply(s string) (string, int) {
	for i := 0; i+3 <= len(s); i++ {
		c := s[i]
		if c != '4' && c != '5' {
			continue
		}
		if i > 0 && (isDigit(s[i-1]) || s[i-1] == '.' || s[i-1] == ':' || isLetter(s[i-1])) {
			continue
		}
		if !isDigit(s[i+1]) || !isDigit(s[i+2]) {
			continue
		}
		if i+3 < len(s) {
			n := s[i+3]
			if n != ' ' && n != '-' && n != '\t' && n != '\r' && n != '\n' {
				continue
			}
		}
		return s[i : i+3], i
	}
	return "", -1
}

// statusIn returns the status s gives: its enhanced code, or failing
// that the class of its SMTP reply as "X.0.0" (RFC 3463's "other
// undefined status").
func statusIn(s string) string {
	if st, _ := findStatus(s); st != "" {
		return st
	}
	if r, _ := findReply(s); r != "" {
		return r[:1] + ".0.0"
	}
	return ""
}

// kindOf is the kind a status's class gives: hard for 5, soft for 4,
// NotBounce for anything else.
func kindOf(status string) Kind {
	switch {
	case strings.HasPrefix(status, "5."):
		return HardBounce
	case strings.HasPrefix(status, "4."):
		return SoftBounce
	}
	return NotBounce
}

func digits(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
