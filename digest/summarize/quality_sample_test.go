package summarize

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// The labelled sample the quality filter is measured on: made-up
// articles generated here, each sentence labelled with the flaw it was
// written to have ("" for none), and BBC articles read at run time from
// the shared corpus, whose sentences are labelled in
// testdata/quality_bbc_labels.tsv (file, sentence index as the engine
// splits the article, flaw); a BBC sentence not listed is plain news.
// Run `go test ./digest/summarize -run TestQualitySample -v` to print
// each rule's precision and recall.

// town is one made-up story the generator writes an article about.
type town struct {
	place, thing, agency, verb, full, surname, stranger string
}

var towns = []town{
	{"Dunmore", "tram line", "transport authority", "extended", "Hilde Varga", "Varga", "Pellow"},
	{"Kestrel Bay", "sea wall", "coastal board", "rebuilt", "Oren Kask", "Kask", "Tamsett"},
	{"Arnhall", "bridge", "county roads office", "reopened", "Mirela Dobre", "Dobre", "Quennell"},
	{"Lowther", "library", "borough council", "refurbished", "Tobias Renn", "Renn", "Ashdown"},
	{"Greywick", "water plant", "utility company", "upgraded", "Ines Barlow", "Barlow", "Fensome"},
	{"Maple Cross", "cycle lane", "highways team", "widened", "Kwame Osei", "Osei", "Lydgate"},
	{"Saltmarsh", "fish market", "harbour trust", "restored", "Elin Voss", "Voss", "Corrigan"},
	{"Brantholme", "school", "education board", "expanded", "Ravi Menon", "Menon", "Haverstock"},
	{"Eastfold", "hospital wing", "health trust", "opened", "Dana Kovac", "Kovac", "Middlemiss"},
	{"Oakridge", "rail depot", "rail operator", "modernised", "Sofia Lind", "Lind", "Thackeray"},
	{"Northam", "power line", "grid company", "replaced", "Pavel Horak", "Horak", "Wetherall"},
	{"Fairlea", "market hall", "district council", "renovated", "Amara Nwosu", "Nwosu", "Blenkinsop"},
	{"Riverton", "flood barrier", "river authority", "strengthened", "Jonas Ek", "Ek", "Pargeter"},
	{"Colbeck", "bus station", "transit agency", "rebuilt", "Nadia Haddad", "Haddad", "Stennett"},
	{"Westmere", "swimming pool", "leisure trust", "reopened", "Lukas Brandt", "Brandt", "Ormerod"},
	{"Highgate Vale", "ferry pier", "port company", "repaired", "Yara Costa", "Costa", "Dimmock"},
	{"Pennick", "airport runway", "airport operator", "resurfaced", "Hugo Lenz", "Lenz", "Scarrow"},
	{"Thornby", "sports ground", "parks department", "improved", "Mei Tanaka", "Tanaka", "Rushworth"},
	{"Aldwick", "fire station", "fire service", "relocated", "Omar Saleh", "Saleh", "Blackett"},
	{"Crowmarsh", "housing estate", "housing association", "completed", "Greta Holm", "Holm", "Fairweather"},
}

// sampleSentences are one town's article, each with its label. Plain
// ones include near misses for each rule: a quoted imperative, a
// surname after its full name, a described "the" phrase, a date "this".
func sampleSentences(t town) [][2]string {
	lower := strings.ToLower(strings.ReplaceAll(t.place, " ", ""))
	return [][2]string{
		{fmt.Sprintf("The %s %s the %s in %s on Monday, ending four years of delays for local residents.", t.agency, t.verb, t.thing, t.place), ""},
		{fmt.Sprintf("%s, who leads the %s, said the %s would serve about nine thousand people a week.", t.full, t.agency, t.thing), ""},
		{fmt.Sprintf("Work on the %s cost twelve million pounds, more than twice the first estimate.", t.thing), ""},
		{fmt.Sprintf("%s said the %s had also asked for an independent review of the costs.", t.surname, t.agency), ""},
		{fmt.Sprintf("“Give us one more season and the %s will pay for itself,” a %s engineer told reporters.", t.thing, t.agency), ""},
		{fmt.Sprintf("The new %s in %s was designed by a firm of engineers from the capital.", t.thing, t.place), ""},
		{fmt.Sprintf("This week the %s published the contracts it signed for the work in %s.", t.agency, t.place), ""},
		{fmt.Sprintf("Residents said they could see the difference the %s made within days of the opening.", t.thing), ""},
		{fmt.Sprintf("%s has been waiting… for a %s it can rely on through the winter.", t.place, t.thing), FlawElided},
		{fmt.Sprintf("The %s will be the most important work the %s has done in a generation...", t.thing, t.agency), FlawElided},
		{fmt.Sprintf("which means the %s in %s will stay open to the public through the winter months.", t.thing, t.place), FlawFragment},
		{fmt.Sprintf("%s %s project approved by the %s after a long review", t.place, t.thing, t.agency), FlawFragment},
		{fmt.Sprintf("Tell us what you think of the new %s in %s by writing to our newsroom.", t.thing, t.place), FlawPromotion},
		{fmt.Sprintf("You can follow every step of the %s work at %snews.com and on our page.", t.thing, lower), FlawPromotion},
		{fmt.Sprintf("Join our %s readers' panel to hear first about changes to the %s.", t.place, t.thing), FlawPromotion},
		{fmt.Sprintf("The decision drew complaints from some residents living near the %s in %s.", t.thing, t.place), FlawReference},
		{fmt.Sprintf("The inspector added that the %s would need another inspection next spring.", t.thing), FlawReference},
		{fmt.Sprintf("The %s will also serve the new hospital on the edge of %s, %s said.", t.thing, t.place, t.stranger), FlawUnnamed},
		{"Around the world, many people continue to look for better ways to live and work together in harmony.", FlawFiller},
		{"As times change, it is more important than ever to think carefully about what really matters to everyone.", FlawFiller},
	}
}

// verdict is the rule that keeps s from standing alone: its flaw, or
// the reference rule when that makes it lean on the sentence before.
func verdict(s sentence) string {
	if s.flaw == "" && s.unanchored {
		return FlawReference
	}
	return s.flaw
}

// ruleCount tallies one rule's hits against the labels.
type ruleCount struct{ tp, fp, fn int }

func (c ruleCount) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c ruleCount) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

var flawNames = []string{FlawElided, FlawFragment, FlawPromotion, FlawReference, FlawUnnamed, FlawFiller}

// tally adds one sentence's label and the filter's verdict.
func tally(counts map[string]*ruleCount, label, got string) {
	if got == label {
		if label != "" {
			counts[label].tp++
		}
		return
	}
	if got != "" {
		counts[got].fp++
	}
	if label != "" {
		counts[label].fn++
	}
}

func newCounts() map[string]*ruleCount {
	m := map[string]*ruleCount{}
	for _, f := range flawNames {
		m[f] = &ruleCount{}
	}
	return m
}

func TestQualitySample(t *testing.T) {
	made := newCounts()
	var arts []*digest.Article
	labels := map[string]map[string]string{}
	for i, tw := range towns {
		id := fmt.Sprintf("town%d", i)
		a := &digest.Article{ID: id, Title: fmt.Sprintf("%s %s work finished", tw.place, tw.thing)}
		labels[id] = map[string]string{}
		for _, sl := range sampleSentences(tw) {
			a.Paragraphs = append(a.Paragraphs, sl[0])
			labels[id][sl[0]] = sl[1]
		}
		arts = append(arts, a)
	}
	e := New(arts, Options{})
	n := 0
	for _, a := range arts {
		for _, s := range e.docs[a.ID].sentences {
			label, ok := labels[a.ID][s.text]
			if !ok {
				t.Fatalf("a sample sentence was split: %q", s.text)
			}
			tally(made, label, verdict(s))
			n++
		}
	}
	t.Logf("made-up sample: %d sentences", n)
	report(t, made)
	// Floors a little under today's figures, so a rule that gets worse
	// fails here; filler is weakest (see markFiller).
	floors := map[string][2]float64{FlawElided: {0.9, 0.9}, FlawFragment: {0.9, 0.9}, FlawPromotion: {0.9, 0.9},
		FlawReference: {0.9, 0.45}, FlawUnnamed: {0.9, 0.9}, FlawFiller: {0.9, 0}}
	for _, f := range flawNames {
		if c := made[f]; c.precision() < floors[f][0] || c.recall() < floors[f][1] {
			t.Errorf("%s on the made-up sample: precision %.2f recall %.2f, want %.2f and %.2f", f, c.precision(), c.recall(), floors[f][0], floors[f][1])
		}
	}
	bbc, m := bbcSample(t)
	if m == 0 {
		return
	}
	t.Logf("BBC sample: %d sentences", m)
	report(t, bbc)
	for f, c := range bbc {
		all := ruleCount{tp: made[f].tp + c.tp, fp: made[f].fp + c.fp, fn: made[f].fn + c.fn}
		t.Logf("both %-10s precision %.2f recall %.2f", f, all.precision(), all.recall())
	}
}

func report(t *testing.T, counts map[string]*ruleCount) {
	for _, f := range flawNames {
		c := counts[f]
		t.Logf("%-10s tp %3d fp %3d fn %3d  precision %.2f recall %.2f", f, c.tp, c.fp, c.fn, c.precision(), c.recall())
	}
}

// bbcDir is the shared BBC corpus, from this package's directory.
var bbcDir = filepath.Join("..", "..", "..", "shared", "eval", "bbc-news-summary", "articles")

// bbcSample scores the filter on the BBC articles the labels file names,
// and returns how many sentences it read (0 without the corpus).
func bbcSample(t *testing.T) (map[string]*ruleCount, int) {
	counts := newCounts()
	f, err := os.Open(filepath.Join("testdata", "quality_bbc_labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels := map[string]map[int]string{}
	var files []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if labels[cols[0]] == nil {
			labels[cols[0]] = map[int]string{}
			files = append(files, cols[0])
		}
		if len(cols) == 3 {
			i, err := strconv.Atoi(cols[1])
			if err != nil {
				t.Fatalf("labels: %q: %v", line, err)
			}
			labels[cols[0]][i] = cols[2]
		}
	}
	sort.Strings(files)
	var arts []*digest.Article
	for _, name := range files {
		a, err := readBBC(filepath.Join(bbcDir, name))
		if err != nil {
			t.Logf("no BBC corpus, the made-up sample alone: %v", err)
			return counts, 0
		}
		a.ID = name
		arts = append(arts, a)
	}
	e := New(arts, Options{})
	n := 0
	for _, a := range arts {
		for i, s := range e.docs[a.ID].sentences {
			label := labels[a.ID][i]
			got := verdict(s)
			if os.Getenv("QUALITY_SHOW") != "" && (got != "" || label != "") && got != label {
				t.Logf("%s\t%d\t%s (labelled %q)\t%s", a.ID, i, got, label, s.text)
			}
			tally(counts, label, got)
			n++
		}
	}
	return counts, n
}

// readBBC reads one corpus file: the headline, then paragraphs between
// blank lines.
func readBBC(path string) (*digest.Article, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	title, body, _ := strings.Cut(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	a := &digest.Article{Title: strings.TrimSpace(title)}
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			a.Paragraphs = append(a.Paragraphs, p)
		}
	}
	return a, nil
}
