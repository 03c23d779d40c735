package clean

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

var (
	bylineStart = lazyre.New(`(?i)^(?:by|written by|words by|story by|reporting by|posted by|authors?)\s*:?\s+`)
	// bylineBreak splits a byline into its parts: names, then perhaps an
	// affiliation, a date or a reading time.
	bylineBreak = lazyre.New(`\s*[|·•]\s*|\s+[—–-]\s+`)
	nameSplit   = lazyre.New(`\s*(?:,|;|&|\band\b)\s*`)
	titlePrefix = lazyre.New(`^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+`)
	// creditPart is one part of a wire-service credit line, "Reporting by
	// Jane Doe; Editing by John Roe". Reporters and writers are authors;
	// editors are not.
	creditPart = lazyre.New(`(?i)^(additional reporting|reporting|writing|written|editing|edited|compiled|produced)\s+by\s+(.+)$`)
	// bioLead is "Jane Doe is a …" at the start of a paragraph.
	bioLead  = lazyre.New(`^((?:(?:Dr|Prof)\.?\s+)?[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){1,3}?)\s+(?:is|was|serves as|works as)\s+(?:also\s+|currently\s+|now\s+)?(?:an?|the)\s+(.+)$`)
	bioRole  = lazyre.New(`(?i)\b(?:professor|fellow|analyst|researcher|research|editor|correspondent|journalist|director|writer|reporter|lecturer|scholar|author|contributor|columnist|chair|scientist|economist|historian|consultant|adviser|advisor|expert|specialist|candidate|student)s?\b`)
	bioPlace = lazyre.New(`\s(?:at|of|with|for|in)\s`)
)

// byline is what a byline line says.
type byline struct {
	names []string
	date  time.Time
}

// parseByline reads "By Jane Doe", "By Jane Doe and John Roe", "by Jane
// Doe, Reuters", "By Jane Doe | May 1, 2023". A byline naming only a role
// ("By Staff", "By Chief Editor") or an organisation is still a byline,
// with no names. A sentence that starts with "By" ("By contrast, …") is
// not: every part after "By" must be a name, a role, an affiliation or a
// date.
func parseByline(s string) (byline, bool) {
	if utf8.RuneCountInString(s) > 120 {
		return byline{}, false
	}
	m := bylineStart.FindString(s)
	if m == "" {
		return byline{}, false
	}
	rest := strings.TrimSpace(s[len(m):])
	if strings.HasSuffix(rest, ".") && !endsWithInitial(rest) {
		return byline{}, false
	}
	var b byline
	parts := bylineBreak.Split(rest, -1)
	rest, b.date = cutTrailingDate(parts[0])
	for _, p := range parts[1:] {
		if d, ok := text.ParseDate(p); ok && b.date.IsZero() {
			b.date = d
		}
	}
	for i, p := range nameSplit.Split(rest, -1) {
		switch {
		case p == "":
		case isName(p):
			b.names = append(b.names, titlePrefix.ReplaceAllString(p, ""))
		case isRole(p):
		case isProperNoun(p) && (i > 0 || len(strings.Fields(p)) <= 4):
			// an affiliation ("Reuters") or an organisation byline
		default:
			return byline{}, false
		}
	}
	return b, true
}

// parseCredits reads a wire-service credit line: parts separated by
// semicolons, each "<role> by <names>".
func parseCredits(s string) (byline, bool) {
	if utf8.RuneCountInString(s) > 200 {
		return byline{}, false
	}
	var b byline
	for _, part := range strings.Split(strings.TrimSuffix(s, "."), ";") {
		m := creditPart.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return byline{}, false
		}
		names, ok := parseByline("By " + m[2])
		if !ok {
			return byline{}, false
		}
		if role := strings.ToLower(m[1]); strings.Contains(role, "report") || strings.Contains(role, "writ") {
			b.names = append(b.names, names.names...)
		}
	}
	return b, true
}

// cutTrailingDate splits "Jane Doe, May 1, 2023" into the names and the date.
func cutTrailingDate(s string) (string, time.Time) {
	for i, r := range s {
		if r != ',' {
			continue
		}
		if d, ok := text.ParseDate(strings.TrimSpace(s[i+1:])); ok {
			return strings.TrimSpace(s[:i]), d
		}
	}
	return s, time.Time{}
}

// parseBio reads an author biography, "Jane Doe is an assistant professor
// at …", and returns the name. The sentence must name a role and a place
// to hold one, which keeps ordinary sentences about people out.
func parseBio(s string) (string, bool) {
	if text.WordCount(s) > 90 {
		return "", false
	}
	m := bioLead.FindStringSubmatch(s)
	if m == nil || !bioRole.MatchString(m[2]) || !bioPlace.MatchString(m[2]) {
		return "", false
	}
	name := titlePrefix.ReplaceAllString(m[1], "")
	if !isName(name) {
		return "", false
	}
	return name, true
}

// isName reports whether s looks like a person's name: two to four
// capitalised words (initials and particles such as "van" allowed), none of
// them a role word.
func isName(s string) bool {
	s = titlePrefix.ReplaceAllString(s, "")
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for i, w := range words {
		if isRoleWord(strings.ToLower(w)) || isNameStop(strings.ToLower(w)) {
			return false
		}
		if i > 0 && i < len(words)-1 && isParticle(w) {
			continue
		}
		if !isCapitalisedWord(w) {
			return false
		}
	}
	return true
}

func isCapitalisedWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !strings.ContainsRune(".'’-", r) {
			return false
		}
	}
	return true
}

// isProperNoun reports capitalised words, as an organisation is written.
func isProperNoun(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for i, w := range words {
		if i > 0 && isParticle(w) {
			continue
		}
		if !isCapitalisedWord(w) {
			return false
		}
	}
	return true
}

// isRole reports a byline that names a job, not a person: every word is a
// role word ("Chief Editor", "Staff", "The Editorial Team").
func isRole(s string) bool {
	words := strings.Fields(strings.ToLower(s))
	for _, w := range words {
		if !isRoleWord(strings.Trim(w, ".")) {
			return false
		}
	}
	return len(words) > 0
}

func isRoleWord(w string) bool {
	switch w {
	case "a", "an", "the", "our", "your", "admin", "administrator", "agency", "analyst", "analysts",
		"associate", "author", "board", "bureau", "chief", "columnist", "community", "content",
		"contributor", "contributors", "correspondent", "correspondents", "desk", "digital", "editor",
		"editors", "editorial", "executive", "guest", "in", "intern", "journalist", "managing", "manager",
		"member", "members", "moderator", "news", "newsroom", "of", "online", "press", "producer",
		"publisher", "reporter", "reporters", "research", "senior", "service", "site", "special", "staff",
		"team", "web", "webmaster", "wire", "writer", "writers":
		return true
	}
	return false
}

// isNameStop lists capitalised words that start sentences, never names.
func isNameStop(w string) bool {
	switch w {
	case "this", "that", "these", "those", "it", "he", "she", "they", "we", "there", "here", "its",
		"his", "her", "their", "our", "my", "all", "both", "each", "every", "many", "most", "some":
		return true
	}
	return false
}

func isParticle(w string) bool {
	switch w {
	case "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "al", "bin", "ibn", "del", "dos", "ter":
		return true
	}
	return false
}

func endsWithInitial(s string) bool {
	f := strings.Fields(s)
	return len(f) > 0 && utf8.RuneCountInString(f[len(f)-1]) == 2
}
