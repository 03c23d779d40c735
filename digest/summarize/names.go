package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// A reader meets a person once by their full name; news then says
// "Nagashima said". A summary that quotes the second sentence without the
// first leaves the reader asking who that is. So for each article we
// find the people it introduces by full name and later calls by surname
// alone, and a summary may quote a sentence that uses the surname alone
// only after a sentence with the full name.

// capitalRun is a run of capitalised words, perhaps with name
// particles inside ("NATO Secretary General Mark Rutte", "Ursula von
// der Leyen"). News puts titles before names, so a person's full name is
// the end of such a run.
var capitalRun = lazyre.New(`[A-Z][\p{L}'’.-]+(?:\s+(?:(?:van|von|der|de|da|del|di|bin|al|le|la)\s+)*[A-Z][\p{L}'’.-]+)+`)

// notNameStart are capitalised words that open a phrase but not a name.
var notNameStart = wordSet(`the a an in on at for of and but or if as by to from with this that these those
	his her its their our my mr mrs ms dr prof president minister prime secretary general chancellor
	senator governor sen gov rep gen col lt capt adm sgt judge justice chief king queen prince princess
	monday tuesday wednesday thursday friday saturday sunday january february march april may june july
	august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
	north south east west new los san saint st fort mount lake port`)

// personNames finds, in one article's units, the surnames it introduces
// with a full name and also uses alone, mapped to the full names.
func personNames(units []string) map[string]string {
	full := map[string]string{} // surname → full name
	for _, u := range units {
		for _, m := range capitalRun.FindAllString(u, -1) {
			words := strings.Fields(m)
			for i, w := range words {
				words[i] = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, ".,;:"), "’s"), "'s")
			}
			first := len(words) - 2
			for first > 0 && isParticle(words[first]) {
				first-- // "Ursula von der Leyen"
			}
			if notNameStart[strings.ToLower(words[first])] || isParticle(words[first]) {
				continue // "President Clinton": no given name to meet first
			}
			last := words[len(words)-1]
			if len([]rune(last)) < 2 || strings.ToUpper(last) == last {
				continue // an acronym, not a surname
			}
			if _, ok := full[last]; !ok {
				full[last] = strings.Join(words[first:], " ")
			}
		}
	}
	used := map[string]string{}
	for surname, name := range full {
		for _, u := range units {
			if usesSurnameAlone(u, surname, name) {
				used[surname] = name
				break
			}
		}
	}
	return used
}

// usesSurnameAlone reports whether s names surname without the full
// name around it ("Nagashima said", "Mr. Nagashima").
func usesSurnameAlone(s, surname, name string) bool {
	rest := strings.ReplaceAll(s, name, "")
	for i := 0; ; {
		j := strings.Index(rest[i:], surname)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(surname)
		before, _ := utf8.DecodeLastRuneInString(rest[:j])
		after, _ := utf8.DecodeRuneInString(rest[end:])
		if !isNameRune(before) && !isNameRune(after) && !followsCapital(rest[:j]) {
			return true
		}
		i = end
	}
}

// followsCapital reports whether the text before a surname ends in
// another capitalised word, which makes the surname part of a longer
// name ("Shinzo Abe", "Ms. Abe" aside: titles are not names).
func followsCapital(before string) bool {
	fields := strings.Fields(before)
	if len(fields) == 0 || !strings.HasSuffix(before, " ") {
		return false
	}
	last := strings.Trim(fields[len(fields)-1], ",;:")
	return isCapitalised(last) && !notNameStart[strings.ToLower(strings.TrimSuffix(last, "."))]
}

func isParticle(w string) bool { return nameParticles[w] }

var nameParticles = wordSet("van von der de da del di bin al le la")

func isNameRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// nameUse is what one sentence does with the article's people: whom it
// introduces by full name and whom it calls by surname alone.
type nameUse struct {
	introduces, needs []string
}

func namesIn(s string, people map[string]string) nameUse {
	var u nameUse
	for surname, name := range people {
		if strings.Contains(s, name) {
			u.introduces = append(u.introduces, surname)
		} else if usesSurnameAlone(s, surname, name) {
			u.needs = append(u.needs, surname)
		}
	}
	return u
}

// closingSpeakerRE finds an attribution that closes a sentence with one
// capitalised word and a verb of saying (", Nagashima said."), and the
// word before that name.
var closingSpeakerRE = lazyre.New(`(?:^|[,"”’]\s*|(\S+)\s+)([A-Z][\p{L}'’-]+)\s+(?:said|says|added|adds|noted|notes|explained|warned|told\s+[^.,;]{1,40}|wrote|argued|stated)\s*[.!]?["'”’]?$`)

// unnamedSpeaker returns the surname a sentence's closing attribution
// gives alone when the article never gives that person's full name
// (people maps the surnames it does), or "". A summary cannot show a
// sentence naming the person, so it cannot show this one. A title or
// given name before the surname ("Mr Abe said", "Shinzo Abe said") is
// left to the other rules; a capitalised word ending the clause before
// ("… near Dunmore, Pellow said.") is not a given name.
func unnamedSpeaker(s string, people map[string]string) string {
	m := closingSpeakerRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	before, name := m[1], m[2]
	if before != "" && !strings.HasSuffix(before, ",") && isCapitalised(before) {
		return ""
	}
	if notNameStart[strings.ToLower(name)] || strings.ToUpper(name) == name {
		return ""
	}
	if _, ok := people[name]; ok {
		return ""
	}
	return name
}
