package clean

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// dateLabel is a word that may introduce a date line. "Updated" dates are
// recognised (and taken out of the body) but are not publication dates.
// The date itself is read by text.ParseDate.
var dateLabel = lazyre.New(`(?i)^(?:(first published|originally published|published|posted|date|dated|updated|last updated|last modified|modified)(?:\s+on)?\s*[:|–—-]?\s*)`)

// dateLine is a line that is nothing but a date, perhaps labelled.
type dateLine struct {
	date      time.Time // zero when the label says it is not a publication date
	published bool
}

// parseDateLine reports whether s is a date line and, if it is a
// publication date, which day. Times and zones are dropped: the digest
// shows days, and a day is all most sources give.
func parseDateLine(s string) (dateLine, bool) {
	if len(s) > 80 {
		return dateLine{}, false
	}
	s = strings.TrimSpace(s)
	label := ""
	if m := dateLabel.FindStringSubmatch(s); m != nil {
		label = strings.ToLower(m[1])
		s = strings.TrimSpace(s[len(m[0]):])
	}
	d, ok := text.ParseDate(s)
	if !ok {
		return dateLine{}, false
	}
	published := !strings.Contains(label, "updated") && !strings.Contains(label, "modified")
	if !published {
		d = time.Time{}
	}
	return dateLine{date: d, published: published}, true
}
