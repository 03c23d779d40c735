package synth

import (
	"fmt"
	"strings"
)

// The furniture of a page's head: crumbs, bylines, dates, datelines.

// crumbs is a navigation trail: a start, then one to three sections.
func (g *gen) crumbs() Block {
	starts := []string{"Home", g.outlet, "Front page", "Start", "Main"}
	seps := []string{"/", ">", "›", "»", "|", "•", "→", "::"}
	sep := pick(g.r, seps)
	parts := []string{pick(g.r, starts)}
	if g.r.IntN(4) == 0 {
		parts[0] = g.say("{You are here|Browse|Sections}:") + " " + parts[0]
	}
	for range 1 + g.r.IntN(3) {
		s := pick(g.r, sections())
		if !strings.Contains(strings.Join(parts, " "), s) {
			parts = append(parts, s)
		}
	}
	b := oneBlock("crumbs", strings.Join(parts, " "+sep+" "))
	links := make([]string, len(parts))
	for i, p := range parts {
		links[i] = fmt.Sprintf("[%s](https://%s.example/%s)", p, slug(g.outlet), slug(p))
	}
	b.Markdown = strings.Join(links, " "+sep+" ")
	return b
}

// byline names the author in one of the ways pages do.
func (g *gen) byline() Block {
	text := g.sayOne(
		"By $author",
		"by $authorlower",
		"BY $AUTHOR",
		"By $author and $person",
		"By $author, $role",
		"$author{ | | · | — }$role",
		"$author, $outlet",
		"{Words|Story|Text} by $author",
		"Written by $author[ for $outlet]",
		"{Reporting|Reported} by $author in $city",
		"{Posted|Filed} by $author",
		"$author[, $role][ in $city]",
		"{Author|Writer|Reporter}: $author",
		"$author {and|&} $person, $outlet",
	)
	b := oneBlock("byline", text)
	if g.r.IntN(2) == 0 {
		b.Markdown = g.sayOne("**"+text+"**", "*"+text+"*", "_"+text+"_")
	}
	return b
}

// timestamp is a published or updated line.
func (g *gen) timestamp() Block {
	text := g.sayOne(
		"{Published|Posted|First published|Originally published}[ on| at|:] $date[{,| at| |}$time]",
		"{Updated|Last updated|Last modified|Modified|Edited}[ on|:] $later[ $time]",
		"{Published|Posted} $date{ • | · | | | — | }{Updated|Last updated|Edited} $ago",
		"$date[{,| at| |}$time]",
		"$weekday[,] $date",
		"{Updated|Published} $ago",
		"$ago",
		"{Published|Updated} $time{,| } $date",
		"$date{ | | · }$time[ {GMT|UTC|CET|EST}]",
	)
	b := oneBlock("timestamp", text)
	if g.r.IntN(2) == 0 {
		b.Markdown = g.sayOne("*"+text+"*", "_"+text+"_")
	}
	return b
}

// addTimestamp puts one or two dates in the head, or one at the end.
func (g *gen) addTimestamp() {
	if g.r.IntN(5) == 0 {
		g.end = append(g.end, g.timestamp())
		return
	}
	g.head = append(g.head, g.timestamp())
	if g.r.IntN(3) == 0 {
		g.head = append(g.head, g.timestamp())
	}
}

// addDateline opens the body with a wire dateline, or sets it on its
// own line above the body as a heading of the story.
func (g *gen) addDateline() {
	g.dateline = Segment{Kind: "dateline", Text: g.datelineText()}
	g.datelineOwnLine = g.r.IntN(4) == 0
	if g.datelineOwnLine {
		g.dateline.Text = strings.TrimRight(strings.TrimSpace(g.dateline.Text), ":")
	}
}

// datelineText is one of the dateline forms wire copy uses, places in
// capitals or in mixed case, agencies or none, dashes of every kind.
func (g *gen) datelineText() string {
	r := g.r
	city := pick(r, cities())
	var region string
	if r.IntN(3) == 0 {
		us := pick(r, usPlaces())
		city, region = us[0], us[1]
	} else if r.IntN(2) == 0 {
		region = pick(r, countries())
	}
	place := city
	if r.IntN(3) > 0 {
		place = strings.ToUpper(city)
	}
	dash := pick(r, []string{"—", "--", "–", "-", "_", "—", "–"})
	agency := pick(r, agencies())
	month := g.date.Format(pick(r, []string{"Jan. 2", "January 2", "Jan 2"}))
	forms := []string{
		place + " (" + agency + ") " + dash,
		place + " (" + agency + "):",
		place + " " + dash,
		"(" + agency + ") " + dash,
		place + ", " + month + " (" + agency + ") " + dash,
		place + ", " + month + " " + dash,
	}
	if region != "" {
		forms = append(forms,
			place+", "+region+" ("+agency+") "+dash,
			place+", "+region+":",
			place+", "+region+" "+dash,
		)
	}
	return pick(r, forms)
}

// slug makes a URL path part of a name.
func slug(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(strings.Trim(w, ".,:'’"))
	}
	return b.String()
}
