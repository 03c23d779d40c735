package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// Options say what to generate.
type Options struct {
	N    int    // articles
	Seed uint64 // the same seed makes the same set
}

// heldOutEvery makes every third article a held-out one, matching the
// third of families held out.
const heldOutEvery = 3

// Generate makes opts.N labelled articles. Article i depends only on the
// seed and i, so a larger N extends a set without changing it.
func (c *Corpus) Generate(opts Options) []Article {
	out := make([]Article, 0, opts.N)
	for i := range opts.N {
		out = append(out, c.article(opts.Seed, i))
	}
	return out
}

// gen builds one article.
type gen struct {
	*phrases
	c        *Corpus
	src      source
	split    string
	families []string
	author   string
	outlet   string
	date     time.Time
	names    []string // people the body names, for captions and notes
	words    []string // content words of the body, for tags and captions
	md       bool
	single   bool
	// Where furniture goes: above the headline, between it and the body,
	// after body paragraph i, after the body.
	top, head, end []Block
	gaps           map[int][]Block
	body           []Block
	// datelineOwnLine puts the dateline on its own line above the body.
	dateline        Segment
	datelineOwnLine bool
}

func (c *Corpus) article(seed uint64, i int) Article {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	split := SplitTuned
	if i%heldOutEvery == heldOutEvery-1 {
		split = SplitHeldOut
	}
	g := &gen{c: c, split: split, src: c.docs[r.IntN(len(c.docs))], gaps: map[int][]Block{}}
	g.phrases = &phrases{r: r}
	g.setup()
	g.chooseFamilies()
	for _, f := range g.families {
		g.add(f)
	}
	a := g.assemble()
	a.Name = fmt.Sprintf("synth-%04d.txt", i)
	if g.md {
		a.Name = fmt.Sprintf("synth-%04d.md", i)
	}
	return a
}

// setup picks the article's body, people and date, and its slots.
func (g *gen) setup() {
	r := g.r
	n := min(len(g.src.paragraphs), 4+r.IntN(8))
	for _, p := range g.src.paragraphs[:n] {
		g.body = append(g.body, oneBlock(KindBody, p))
	}
	g.author = g.person()
	g.outlet = g.newOutlet()
	g.date = time.Date(2004, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(730)).Add(time.Duration(6*60+r.IntN(16*60)) * time.Minute)
	g.names = bodyNames(g.src.paragraphs[:n])
	g.words = contentWords(g.src.paragraphs[:n])
	g.slots = map[string]func() string{
		"author":      func() string { return g.author },
		"authorlower": func() string { return strings.ToLower(g.author) },
		"AUTHOR":      func() string { return strings.ToUpper(g.author) },
		"person":      g.person,
		"bodyname":    g.bodyName,
		"outlet":      func() string { return g.outlet },
		"outlet2":     g.newOutlet,
		"handle":      func() string { return handle(g.author) },
		"city":        func() string { return pick(r, cities()) },
		"agency":      func() string { return pick(r, agencies()) },
		"network":     func() string { return pick(r, networks()) },
		"section":     func() string { return pick(r, sections()) },
		"beat":        func() string { return pick(r, beats()) },
		"role":        g.role,
		"n":           func() string { return fmt.Sprint(2 + r.IntN(14)) },
		"mins": func() string {
			return pick(r, []string{"2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15"})
		},
		"nn":       func() string { return fmt.Sprint(10 + r.IntN(990)) },
		"date":     func() string { return g.formatDate(g.date) },
		"later":    func() string { return g.formatDate(g.date.Add(time.Duration(1+r.IntN(40)) * time.Hour)) },
		"time":     func() string { return g.formatTime(g.date) },
		"weekday":  func() string { return g.date.Weekday().String() },
		"year":     func() string { return fmt.Sprint(g.date.Year()) },
		"ago":      g.ago,
		"duration": func() string { return fmt.Sprintf("%d:%02d", 1+r.IntN(14), r.IntN(60)) },
		"price": func() string {
			return pick(r, []string{"£", "$", "€"}) + pick(r, []string{"1", "2", "3.99", "4.99", "5", "9", "12"})
		},
		"topic":     func() string { return titleWord(g.word()) },
		"topicword": g.word,
		"soon":      func() string { return g.formatDate(g.date.AddDate(0, 0, 5+r.IntN(60))) },
		"clock": func() string {
			return pick(r, []string{"7pm", "6.30pm", "18:30", "19:00", "12:30 BST", "1pm ET", "10am", "17:00 CET"})
		},
		"venue": func() string {
			return pick(r, []string{"Assembly Rooms", "Corn Exchange", "Old Library", "Riverside Theatre", "Guildhall", "Town Hall", "Conference Centre"})
		},
	}
}

// chooseFamilies picks the furniture and layouts of the article's split.
func (g *gen) chooseFamilies() {
	r := g.r
	furniture := slices.DeleteFunc(familiesOf(FurnitureFamilies(), g.split), IsFresh)
	r.Shuffle(len(furniture), func(i, j int) { furniture[i], furniture[j] = furniture[j], furniture[i] })
	k := min(len(furniture), 3+r.IntN(5))
	g.families = append(g.families, furniture[:k]...)
	// The fresh held-out families join a held-out article each at its
	// own odds, beside the first group's.
	for _, f := range FreshHeldOutFamilies() {
		if FamilySplit(f) == g.split && r.Float64() < freshOdds {
			g.families = append(g.families, f)
		}
	}
	for _, l := range familiesOf(LayoutFamilies(), g.split) {
		if r.Float64() < layoutOdds(l) {
			g.families = append(g.families, l)
		}
	}
	// A file lacks its headline or has a line above it, not both.
	if slices.Contains(g.families, "no-headline") {
		g.families = slices.DeleteFunc(g.families, func(f string) bool { return f == "above-headline" })
	}
	g.md = slices.Contains(g.families, "markdown")
	g.single = slices.Contains(g.families, "single-newline")
}

// layoutOdds is how often each layout is used in its split.
func layoutOdds(layout string) float64 {
	switch layout {
	case "markdown":
		return 0.5
	case "caps-repeat", "single-newline":
		return 0.35
	default:
		return 0.25
	}
}

// add lays out one family's furniture.
func (g *gen) add(family string) {
	switch family {
	case "dateline":
		g.addDateline()
	case "crumbs":
		g.place(0.7, g.crumbs())
	case "listen":
		g.place(0.3, oneBlock("listen", g.listen()))
	case "readtime":
		g.place(0.3, oneBlock("readtime", g.readtime()))
	case "tags":
		g.addTags()
	case "appbanner":
		g.anywhere(oneBlock("appbanner", g.appbanner()))
	case "ad":
		for range 1 + g.r.IntN(3) {
			g.gap(oneBlock("ad", g.ad()))
		}
	case "share":
		g.addShare()
	case "bio":
		g.end = append(g.end, g.bio()...)
	case "note":
		g.addNote()
	case "byline":
		g.place(0.2, g.byline())
	case "subscribe":
		g.addSubscribe()
	case "cookie":
		g.addCookie()
	case "caption":
		g.addCaption()
	case "credit":
		g.addCredit()
	case "related":
		g.addRelated()
	case "timestamp":
		g.addTimestamp()
	case OffTopic:
		g.addOffTopic()
	case "disclosure":
		g.addDisclosure()
	case "poll":
		g.addPoll()
	case "event":
		g.addEvent()
	case "comments":
		g.addComments()
	}
}

// place puts b above the headline with odds top, else below it.
func (g *gen) place(top float64, b Block) {
	if g.r.Float64() < top {
		g.top = append(g.top, b)
	} else {
		g.head = append(g.head, b)
	}
}

// gap puts b after a body paragraph other than the last.
func (g *gen) gap(b Block) {
	i := g.r.IntN(max(1, len(g.body)-1))
	g.gaps[i] = append(g.gaps[i], b)
}

// anywhere puts b in the head, a gap or the end.
func (g *gen) anywhere(b Block) {
	switch g.r.IntN(3) {
	case 0:
		g.head = append(g.head, b)
	case 1:
		g.gap(b)
	default:
		g.end = append(g.end, b)
	}
}

func (g *gen) person() string {
	return pick(g.r, firstNames()) + " " + pick(g.r, surnames())
}

func (g *gen) newOutlet() string {
	name := pick(g.r, outletPlaces()) + " " + pick(g.r, outletKinds())
	if g.r.IntN(2) == 0 {
		return "The " + name
	}
	return name
}

func (g *gen) bodyName() string {
	if len(g.names) == 0 {
		return g.person()
	}
	return pick(g.r, g.names)
}

func (g *gen) word() string {
	if len(g.words) == 0 {
		return strings.ToLower(pick(g.r, sections()))
	}
	return pick(g.r, g.words)
}

func (g *gen) role() string {
	ranks, fields, titles := roleWords()
	return strings.Join(strings.Fields(pick(g.r, ranks)+" "+pick(g.r, fields)+" "+pick(g.r, titles)), " ")
}

func (g *gen) ago() string {
	units := []string{"minutes", "mins", "hours", "hrs", "days"}
	return fmt.Sprintf("%d %s ago", 2+g.r.IntN(22), pick(g.r, units))
}

// formatDate writes d in one of the many ways pages do.
func (g *gen) formatDate(d time.Time) string {
	layouts := []string{"January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006",
		"2006-01-02", "02/01/2006", "01/02/2006", "Monday 2 January 2006", "Mon, Jan 2 2006",
		"Monday, January 2, 2006", "2.1.2006", "Jan 2 2006", "Mon 2 Jan 2006"}
	return d.Format(pick(g.r, layouts))
}

func (g *gen) formatTime(d time.Time) string {
	layouts := []string{"15:04", "15:04 MST", "3:04 PM", "3:04pm", "3.04pm", "15.04 GMT", "3:04 p.m. ET", "15:04 BST"}
	return d.Format(pick(g.r, layouts))
}

// namePattern finds capitalised runs of two or three words: people and
// places the body names.
var namePattern = lazyre.New(`\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b`)

// bodyNames are the names the body mentions, first word not a
// function word ("The Government" is no one).
func bodyNames(paragraphs []string) []string {
	var names []string
	for _, p := range paragraphs {
		for _, m := range namePattern.FindAllString(p, -1) {
			first, _, _ := strings.Cut(m, " ")
			if !text.IsStopWord(strings.ToLower(first)) && !slices.Contains(names, m) {
				names = append(names, m)
			}
		}
	}
	return names
}

// contentWords are the body's longer content words, in order of first
// use.
func contentWords(paragraphs []string) []string {
	var words []string
	seen := map[string]bool{}
	for _, p := range paragraphs {
		for _, w := range text.Words(p) {
			if len(w) >= 5 && !text.IsStopWord(w) && !seen[w] && !strings.ContainsAny(w, "0123456789'’") {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return words
}

func handle(name string) string {
	f := strings.Fields(strings.ToLower(name))
	if len(f) < 2 {
		return strings.Join(f, "")
	}
	return string([]rune(f[0])[:1]) + f[len(f)-1]
}

func titleWord(w string) string {
	r := []rune(w)
	if len(r) == 0 {
		return w
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
