package synth

import (
	"strings"
)

// Widgets: audio players, reading times, tag rows, app banners.

func (g *gen) listen() string {
	return g.sayOne(
		"{▶|►|🎧|🔊|} {Listen to {the|this} {article|report|piece}|Hear {this|the} {article|report|piece}[ read aloud]|Play {the |}audio[ version]|Audio version|Listen now} [{($duration)|— $duration|· $duration}]",
		"{Narrated|Read} by {an AI voice|$person|a {computer|synthetic} voice}[ · $duration]",
		"{Press|Tap|Click} play to {listen|hear this article|hear it read}",
		"{Listen|Audio|Play} · $duration",
		"{Audio|Podcast}: $duration[ {min|minutes}]",
		"{Prefer to listen|Rather listen|On the go}? {Play|Hear} {this|the} {article|piece}[ in audio]",
		"$duration {Listen|Play audio}",
	)
}

// readtime is a reading-time widget. Its minutes skip 3 and 13, so that
// no line is the issue's own quoted example (TestNoQuotedPhrases).
func (g *gen) readtime() string {
	return g.sayOne(
		"$mins {min|mins|minute} read",
		"$mins-minute read",
		"Read time[:] $mins {min|minutes|mins}",
		"{Estimated|Approx.|About} $mins {minutes|min} {to read|reading}",
		"Time to read[:] $mins {min|minutes}",
		"⏱ $mins {min|mins}",
		"{It takes|Takes} {about|around} $mins minutes to read[ this]",
		"{Length|Read}: $mins {min|minutes}",
	)
}

// addTags puts a row of tags at the end, or below the headline.
func (g *gen) addTags() {
	labels := []string{"Tags", "Topics", "Filed under", "More on", "Related topics", "Explore", "Keywords", "In this story"}
	n := 2 + g.r.IntN(4)
	tags := make([]string, 0, n)
	for range n {
		t := titleWord(g.word())
		if g.r.IntN(3) == 0 {
			t = pick(g.r, sections())
		}
		tags = append(tags, t)
	}
	var line string
	switch g.r.IntN(4) {
	case 0:
		line = "#" + strings.Join(tags, " #")
	case 1:
		line = strings.Join(tags, pick(g.r, []string{" · ", " | ", " / "}))
	default:
		line = pick(g.r, labels) + pick(g.r, []string{": ", " — ", " · ", " "}) + strings.Join(tags, pick(g.r, []string{", ", " · ", " | ", " "}))
	}
	b := oneBlock("tags", line)
	if g.r.IntN(4) == 0 {
		g.head = append(g.head, b)
		return
	}
	g.end = append(g.end, b)
}

func (g *gen) appbanner() string {
	return g.sayOne(
		"{Get|Download|Install|Try} the $outlet app[{ for {iPhone|Android|iOS and Android}|[ —] {it's free|free on iOS and Android}}]",
		"{Open|Read|Continue} {in|this in} {the|our} app",
		"{Never miss|Stay on top of|Keep up with} {a story|the news|breaking news}[:] {download|get} {our|the $outlet} app",
		"{Available on|Get it on} {the App Store|Google Play}[ and {the App Store|Google Play}]",
		"{Turn on|Enable|Allow} {notifications|push alerts|news alerts} {for|to get} {breaking news|the latest|$section news}",
		"{Better|Faster} in the app[: {open|switch} now]",
		"{Read|Follow} $outlet on {your phone|the go}[ — {download|get} the app]",
	)
}
