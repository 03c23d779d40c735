package synth

// Text about the article rather than of it: author biographies and
// editors' notes.

// bio is one or two lines about the author.
func (g *gen) bio() []Block {
	blocks := []Block{oneBlock("bio", g.sayOne(
		"$author is {a|the} $role {at|for|with} $outlet[{,| who} {covering|who covers|writing about} $beat].",
		"$author has {covered|reported on|written about} $beat {for $n years|since $year|for $outlet}.",
		"{About the author|The author}: $author {is|was} {a|an} $role[ based in $city].",
		"$author (@$handle) {writes|reports} {on|about} $beat[ for $outlet].",
		"$author joined $outlet in $year {from|after {working|reporting} at} {$outlet2|a {regional|local} {paper|newspaper|broadcaster}}.",
		"$author{,|} {a|the} $role, {is based in|reports from|lives in} $city.",
	))}
	if g.r.IntN(2) == 0 {
		blocks = append(blocks, oneBlock("bio", g.sayOne(
			"{Follow|Contact} {him|her|them|$author} {on $network|at @$handle|by email}[: @$handle]",
			"{More|Read more} {from|by} $author",
			"{Email|Write to} $author at $handle@{example.com|example.org}",
		)))
	}
	return blocks
}

// addNote puts an editor's note, correction, clarification or update at
// the top of the body or after it.
func (g *gen) addNote() {
	b := oneBlock("note", g.note())
	if g.r.IntN(3) == 0 {
		g.head = append(g.head, b)
	} else {
		g.end = append(g.end, b)
	}
}

func (g *gen) note() string {
	return g.sayOne(
		"{Editor's note|Editors' note|Note}: {This {article|story|report}|An earlier version of this {article|story}} {was|has been} {updated|amended|revised} [on $later ]{to {include|add|reflect} {new|additional|further} {details|comment|information}[ from $bodyname]|with {new|more} details}.",
		"{Correction|CORRECTION|Corrections}[ $later]: {An earlier version of this {article|story|report}|This {article|story} previously} {misstated|gave the wrong|incorrectly {stated|reported|gave}|{wrongly|mistakenly} {said|described}} {the {age|title|surname} of $bodyname|the {date|size|cost} of the {deal|vote|match|launch}|$bodyname's {role|title}}. [{We apologise for the error.|This has been corrected.|The {error|mistake} has been {fixed|corrected}.}]",
		"{Clarification|CLARIFICATION}: {This|An earlier version of this} {article|story} has been {amended|changed|updated} to {make clear|clarify} that $bodyname {did not attend|was not present at|had not been invited to|spoke only briefly at} {the meeting|the hearing|the launch|the talks}.",
		"{Update|UPDATE}[ $time]: {This story|This article} {will be|is being} updated[ as more {details|information} {emerge|become available}].",
		"This {article|story} was {amended|corrected} on $later {to correct|because of} {an error in|a mistake in} {a name|a figure|the headline|a quote}.",
		"{This {article|story} is|This is} {a developing story|breaking news|being updated}[. {Check back|Refresh} for {updates|the latest}].",
	)
}
