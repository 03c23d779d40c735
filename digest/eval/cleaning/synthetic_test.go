package cleaning

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/eval/synth"
)

func seg(kind, text string) synth.Segment { return synth.Segment{Kind: kind, Text: text} }

func line(segs ...synth.Segment) synth.Block { return synth.Block{Segments: segs} }

const (
	headline = "Ferry timetable returns after winter pause"
	lead     = "The harbour ferry resumed its full timetable on Monday."
	second   = "Passengers queued from early morning for the first crossing."
)

func TestAlign(t *testing.T) {
	tests := []struct {
		name      string
		blocks    []synth.Block
		body      string
		want      [][]int
		unaligned int
	}{
		{
			name:   "furniture dropped, body kept",
			blocks: []synth.Block{line(seg("crumbs", "Home › World")), line(seg(synth.KindTitle, headline)), line(seg(synth.KindBody, lead)), line(seg("ad", "Advert")), line(seg(synth.KindBody, second))},
			body:   lead + "\n\n" + second,
			want:   [][]int{{segmentDropped}, {segmentDropped}, {segmentKept}, {segmentDropped}, {segmentKept}},
		},
		{
			name:   "furniture kept, joined to a paragraph",
			blocks: []synth.Block{line(seg(synth.KindBody, lead)), line(seg("ad", "Advert")), line(seg(synth.KindBody, second))},
			body:   lead + " Advert " + second,
			want:   [][]int{{segmentKept}, {segmentKept}, {segmentKept}},
		},
		{
			name:   "a dateline cut whole, or only in part",
			blocks: []synth.Block{line(seg("dateline", "OSLO, Norway (AP) —"), seg(synth.KindBody, lead)), line(seg("dateline", "BERGEN (AP) —"), seg(synth.KindBody, second))},
			body:   lead + "\n\n(AP) — " + second,
			want:   [][]int{{segmentDropped, segmentKept}, {segmentCut, segmentKept}},
		},
		{
			name:   "one copy of a repeated headline is the repeat's",
			blocks: []synth.Block{line(seg(synth.KindTitle, headline)), line(seg(synth.KindCapsRepeat, strings.ToUpper(headline))), line(seg(synth.KindBody, lead))},
			body:   strings.ToUpper(headline) + "\n\n" + lead,
			want:   [][]int{{segmentDropped}, {segmentKept}, {segmentKept}},
		},
		{
			name:   "both copies kept",
			blocks: []synth.Block{line(seg(synth.KindTitle, headline)), line(seg(synth.KindCapsRepeat, strings.ToUpper(headline))), line(seg(synth.KindBody, lead))},
			body:   headline + "\n\n" + strings.ToUpper(headline) + "\n\n" + lead,
			want:   [][]int{{segmentKept}, {segmentKept}, {segmentKept}},
		},
		{
			name:      "words no line accounts for",
			blocks:    []synth.Block{line(seg(synth.KindBody, lead))},
			body:      "Invented words. " + lead,
			want:      [][]int{{segmentKept}},
			unaligned: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unaligned := align(tt.blocks, tokens(tt.body))
			if !slices.EqualFunc(got, tt.want, slices.Equal) || unaligned != tt.unaligned {
				t.Errorf("align = %v, %d unaligned; want %v, %d", got, unaligned, tt.want, tt.unaligned)
			}
		})
	}
}

// article is a labelled article with a headline, furniture and two
// paragraphs.
func article(hasTitle bool) *synth.Article {
	blocks := []synth.Block{line(seg("crumbs", "Home › World"))}
	if hasTitle {
		blocks = append(blocks, line(seg(synth.KindTitle, headline)))
	}
	blocks = append(blocks, line(seg("byline", "By Ann Example")), line(seg(synth.KindBody, lead)),
		line(seg("ad", "Advert")), line(seg(synth.KindBody, second)))
	return &synth.Article{Name: "a.txt", Split: synth.SplitTuned, Headline: headline, HasTitle: hasTitle, Blocks: blocks}
}

func TestJudgeSynthetic(t *testing.T) {
	tests := []struct {
		name                  string
		hasTitle              bool
		title                 string
		body                  []string
		err                   error
		right, furniture, hib bool
		reached               map[string]int
		lost                  int
	}{
		{name: "clean", hasTitle: true, title: headline, body: []string{lead, second},
			right: true, reached: map[string]int{"crumbs": 0, "byline": 0, "ad": 0}},
		{name: "crumbs for a title, headline and ad left in", hasTitle: true, title: "Home › World", body: []string{headline, lead, "Advert", second},
			furniture: true, hib: true, reached: map[string]int{"crumbs": 0, "byline": 0, "ad": 1}},
		{name: "a title cut from a furniture line", hasTitle: true, title: "By Ann", body: []string{headline, lead, second},
			furniture: true, hib: true, reached: map[string]int{"crumbs": 0, "byline": 0, "ad": 0}},
		{name: "no headline, the lead's words", title: "The harbour ferry resumed its full timetable…", body: []string{lead, second},
			right: true, reached: map[string]int{"crumbs": 0, "byline": 0, "ad": 0}},
		{name: "body lost", hasTitle: true, title: headline, body: []string{second},
			right: true, reached: map[string]int{"crumbs": 0, "byline": 0, "ad": 0}, lost: 1},
		{name: "dropped", hasTitle: true, err: errors.New("no text"),
			reached: map[string]int{"crumbs": 0, "byline": 0, "ad": 0}, lost: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(tt.hasTitle)
			var art *digest.Article
			if tt.err == nil {
				art = &digest.Article{Title: tt.title, Paragraphs: tt.body}
			}
			r := judgeSynthetic(a, art, tt.err)
			if r.TitleRight != tt.right || r.TitleFurniture != tt.furniture || r.HeadlineInBody != tt.hib {
				t.Errorf("title right %v, furniture %v, headline in body %v; want %v, %v, %v",
					r.TitleRight, r.TitleFurniture, r.HeadlineInBody, tt.right, tt.furniture, tt.hib)
			}
			for kind, n := range tt.reached {
				if f := r.Furniture[kind]; f == nil || f.Lines != 1 || f.Hit != n {
					t.Errorf("%s: %+v, want 1 line, %d reached", kind, f, n)
				}
			}
			if r.Body.Lines != 2 || r.Body.Hit != tt.lost || r.Unaligned != 0 || (r.Err != nil) != (tt.err != nil) {
				t.Errorf("body %+v, unaligned %d, err %v; want %d lost", r.Body, r.Unaligned, r.Err, tt.lost)
			}
		})
	}
}
