package summarize

import (
	"reflect"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/text"
)

func TestLeansOnPrevious(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"He said the talks went well.", true},
		{"This comes as China expands its navy.", true},
		{"However, Beijing condemned the plan.", true},
		{"But the plan has critics in Tokyo.", true},
		{"It will take effect in April.", true},
		{"It's a historic first for the alliance.", true},
		{"They will meet again in May.", true},
		{"These steps follow years of talks.", true},
		{"Such efforts can help align both economies.", true},
		{"Still, it is clear that ties are growing.", true},
		{"In response, Japan moved its focus to the Pacific.", true},
		{"For example, the country joined a NATO committee.", true},
		{"The talks went well, he said.", true},
		{`“We are ready to act,” she said.`, true},
		{"Cooperation will grow, she told reporters in Tokyo.", true},
		{"“Deepening our cooperation with NATO is crucial.”", true},
		{"Japan and NATO agreed to deepen cooperation.", false},
		{"This week, Japan and NATO signed a deal.", false},
		{"Still water covers the bay near Yokosuka.", false},
		{"So far, twelve nations have joined the program.", false},
		{"Though the trend is slow, exports are rising.", false},
		{"“We are ready,” said Mark Rutte, NATO's secretary general.", false},
		{"Sony said its profits rose by 7%.", false},
		{"Italy and Japan will build a fighter jet together.", false},
	}
	for _, tt := range tests {
		if got := leansOnPrevious(tt.in); got != tt.want {
			t.Errorf("leansOnPrevious(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// A definite noun phrase pointing back is no phrase list's: the
	// structural reference rule finds its head noun, to look for it
	// earlier in the article.
	for in, head := range map[string]string{
		"The move, announced after talks in Tokyo, will focus on research.": "move",
		"The country joined a NATO summit for the first time in 2022.":      "country",
		"The country's navy will join the drills.":                          "country",
	} {
		if got, _ := openingReference(in); got != head {
			t.Errorf("openingReference(%q) = %q, want %q", in, got, head)
		}
	}
}

func TestIsByline(t *testing.T) {
	tests := []struct {
		in      string
		authors []string
		want    bool
	}{
		{"By Jane Roe", nil, true},
		{"by Chief Editor", nil, true},
		{"By Jane Roe and John Doe, Reuters", nil, true},
		{"By supporting Ukraine, Japan is investing in collective defense.", nil, false},
		{"Jane Roe, Tokyo correspondent", []string{"Jane Roe"}, true},
		{"Jane Roe is a senior fellow at the Institute for Policy Studies in Tokyo.", []string{"Jane Roe"}, true},
		{"Japan and NATO agreed to deepen cooperation on Monday in Tokyo.", []string{"Jane Roe"}, false},
	}
	for _, tt := range tests {
		if got := isByline(tt.in, tt.authors); got != tt.want {
			t.Errorf("isByline(%q, %q) = %v, want %v", tt.in, tt.authors, got, tt.want)
		}
	}
}

func TestIsTitleRepeat(t *testing.T) {
	title := "Japan and NATO to ramp up defense industry cooperation"
	fp := newFingerprint(title)
	words := 9
	tests := []struct {
		in   string
		want bool
	}{
		{title, true},
		{"Japan and NATO to Ramp Up Defense Industry Cooperation", true},
		{"Japan and NATO to ramp up defense industry cooperation.", true},
		{"Japan and NATO are set to deepen their defense industry cooperation, marking a pivotal moment in their relationship.", false},
		{"China boosted tariffs on all American goods to 84% on Thursday.", false},
	}
	for _, tt := range tests {
		if got := isTitleRepeat(tt.in, &fp, words); got != tt.want {
			t.Errorf("isTitleRepeat(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if isTitleRepeat(title, nil, 0) {
		t.Error("title repeat without a title")
	}
}

// The sentence a long title was cut from says more than the title: it is
// no repeat of it (a summary printed without titles may quote it), only
// marked as the title's source.
func TestIsTitleCut(t *testing.T) {
	title := "The port authority approved a plan on Monday to deepen the northern channel so that the largest…"
	fp := newFingerprint(title)
	words := len(strings.Fields(title))
	tests := []struct {
		in            string
		repeat, isCut bool
	}{
		{"The port authority approved a plan on Monday to deepen the northern channel so that the largest container ships can reach the new quay.", false, true},
		{"The Port Authority approved a plan on Monday to deepen the northern channel so that the largest container ships can reach the new quay.", false, true},
		{"The port authority approved a plan on Monday to deepen the northern channel so that the largest.", true, false},
		{"Dredging of the northern channel will start in spring and take about two years, the port authority said on Monday.", false, false},
	}
	for _, tt := range tests {
		if got := isTitleRepeat(tt.in, &fp, words); got != tt.repeat {
			t.Errorf("isTitleRepeat(%q) = %v, want %v", tt.in, got, tt.repeat)
		}
		if got := isTitleCut(tt.in, &fp, words); got != tt.isCut {
			t.Errorf("isTitleCut(%q) = %v, want %v", tt.in, got, tt.isCut)
		}
	}
	short := newFingerprint("Channel to be deepened")
	if isTitleCut("Channel to be deepened so that the largest container ships can reach the new quay by 2028.", &short, 4) {
		t.Error("a short title opening a sentence read as cut from it")
	}
}

func TestListItems(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		want       []bool
	}{
		{"items after a colon line",
			[]string{"The plan includes:\nCyber Defense: Sharing threat data between allied networks.\nSpace: Tracking satellites and missiles together."},
			[]bool{false, true, true}},
		{"items as paragraphs of their own",
			[]string{"The areas include:", "Cyber Defense: Sharing threat data between allied networks.", "Space: Tracking satellites together.", "Officials said more would follow."},
			[]bool{false, true, true, false}},
		{"items in a row",
			[]string{"Maritime Awareness: Collaborating on surveillance technologies.\nSupply Chain Resilience: Strengthening supply chains for parts."},
			[]bool{true, true}},
		{"a lone subtitle is a sentence",
			[]string{"Star Trek: Enterprise began in 2001 after other spin-off series.", "It ran for four seasons."},
			[]bool{false, false}},
		{"labels inside running text are not lines",
			[]string{"Tokyo said one thing. Japan Today: The paper agreed with it. Officials: Nobody commented on it."},
			[]bool{false, false, false}},
		{"a lower-case lead-in is no label",
			[]string{"The reality is simple: the two regions are linked.\nThe trend here: interoperability grows every year."},
			[]bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var units []string
			var whole []bool
			for _, p := range tt.paragraphs {
				us := text.Sentences(p)
				units = append(units, us...)
				whole = append(whole, wholeLines(p, us)...)
			}
			if got := listItems(units, whole); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("listItems over %q = %v, want %v", units, got, tt.want)
			}
		})
	}
}
