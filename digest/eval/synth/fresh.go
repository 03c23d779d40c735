package synth

// The fresh held-out families (FreshHeldOutFamilies): disclosures, reader
// polls, event promotions and comment furniture. Written on 2026-12-06
// and never tuned on.

// freshOdds is how often a held-out article has each fresh family:
// chosen apart from the first held-out group, so those families stay as
// common as they were before the fresh ones came.
const freshOdds = 0.6

// addDisclosure puts a disclosure or disclaimer at the top of the body or
// after it, and sometimes a second one after it.
func (g *gen) addDisclosure() {
	b := g.italic(oneBlock("disclosure", g.disclosure()))
	if g.r.IntN(3) == 0 {
		g.head = append(g.head, b)
	} else {
		g.end = append(g.end, b)
	}
	if g.r.IntN(4) == 0 {
		g.end = append(g.end, g.italic(oneBlock("disclosure", g.disclosure())))
	}
}

func (g *gen) disclosure() string {
	return g.sayOne(
		// affiliate links
		"{This {article|guide|page|review|roundup}|This {story|list}} {contains|includes|may include} affiliate links. {We|$outlet} may {earn|receive} {a commission|a small fee|a share of the sale} {on|from} {purchases|anything you buy}[ at no extra cost to you].",
		"{When|If} you {buy|shop|order} {through|via} {links|a link} on {this page|our site}, {we|$outlet} may earn {a commission|an affiliate fee}[. {Prices|Offers|Deals} {were|are} correct at the time of {writing|publication}].",
		"{Our journalists|Our editors|We} {choose|pick|recommend} {every product|these products|the items here} independently[; {we|$outlet} {may be paid|earn money} when you {click|buy}].",
		// sponsorship and ownership
		"{This {feature|series|report|supplement} was|This content is|This {guide|page} is} {produced|paid for|funded|made possible} {with {support|funding} from|by|in association with} $outlet2[. {It|The content} {was|is} {editorially independent|independently {written|edited}}|. $outlet {kept|retained} full editorial control].",
		"$outlet is {owned by|a {subsidiary|unit} of|part of} $outlet2[, which {has|holds} {a stake|an interest} in {companies|firms} {mentioned|named} {here|in this {story|article}}].",
		"{Disclosure|Full disclosure|Declaration of interest|Conflict of interest}: $bodyname {is|was|has been} {a shareholder in|an adviser to|a former employee of|a donor to|a board member of} $outlet2[, {which|the company that} {owns|publishes} this {site|paper|title}].",
		"{Disclosure|Note on funding|Funding note}: {$outlet2|The $topicword {foundation|trust|fund}} {supports|funds|has given a grant to} {our|$outlet's} {coverage of|reporting on} $beat[. {It has|It had} no {say|input|role} in {this {story|article}|our {editorial decisions|journalism}}].",
		// syndication
		"{This {article|story|report} {first appeared|was {originally|first} published} {in|on|by} $outlet2|{Republished|Reproduced|Syndicated} {with permission|by arrangement} {from|with} $outlet2}[ on $date][ and is {republished|shared} {here|} {with permission|under a {Creative Commons|content-sharing} {licence|agreement}}].",
		"{A version of this {article|story}|This {article|story}} {ran|appeared} {first|originally} in {the print edition of|the weekend edition of|} $outlet2[ on $date].",
		// automated help
		"{This {article|story|summary} was|Parts of this {article|story|report} were} {drafted|produced|generated|translated} {with {the help of|assistance from}|using} {AI|an AI tool|artificial intelligence|automated tools|a language model}[ and {checked|reviewed|edited} by {an editor|our {newsroom|editors}|$person}].",
		"{AI|Automation} {disclosure|notice}: {a machine|an automated|an AI} {translation|summary|draft} {was used|helped} {in|for} {preparing|producing} this {article|report}[; {a journalist|an editor} {reviewed|checked} it before publication].",
		// disclaimers
		"{The|Any} {views|opinions} {expressed|set out|given} {here|in this {article|piece|column}} are {those of the {author|writer|contributor}|$author's own}[ and {do not|don't} {necessarily|} {reflect|represent} {those|the {views|position}} of $outlet].",
		"{Opinions|Views} {in this {column|piece}|expressed here} {belong to|rest with} {the {author|writer}|$author}[, not $outlet].",
		"{This|The above|This {article|column}} {is not|should not be taken as|does not constitute} {financial|investment|legal|medical|tax} advice[. {Speak to|Consult} a {qualified|licensed|registered} {adviser|professional} {before {acting|making decisions}|about your own {circumstances|situation}}].",
	)
}

// italic sets b in italics in Markdown files, sometimes, as pages set
// their small print.
func (g *gen) italic(b Block) Block {
	if g.r.IntN(2) == 0 {
		b.Markdown = "*" + b.Plain() + "*"
	}
	return b
}

// addPoll puts a poll, quiz, rating or feedback widget of one to four
// lines between paragraphs or after the body.
func (g *gen) addPoll() {
	var lines []string
	switch g.r.IntN(4) {
	case 0: // a poll: heading, question, options, count
		if g.r.IntN(2) == 0 {
			lines = append(lines, g.say("{Poll|Quick poll|Reader poll|Your say|Vote|Our poll}[:]"))
		}
		lines = append(lines, g.sayOne(
			"{Do you {agree|side} with|Are you {for|against}} the $topicword {plan|decision|proposal|move}?",
			"Should $bodyname {step down|stay on|be given more time|get the job|change course}?",
			"{Will|Would} you {back|support|vote for} {the|a} $topicword {deal|scheme|ban|change}?",
			"{How|What} do you {feel|think} about {the|this} $topicword {news|row|decision}?",
			"{Who|Which side} {will|do you think will} {win|come out on top}[ {this {year|season|time}|in the end}]?",
		))
		if g.r.IntN(3) != 0 {
			lines = append(lines, g.say("{Yes|Agree|For|Very}{ · | / |  | or }{No|Disagree|Against|Not at all}[{ · | / |  }{Not sure|Undecided|Don't know|Somewhat}]"))
		}
		if g.r.IntN(2) == 0 {
			lines = append(lines, g.say("{Vote|Submit|Cast your vote|See results|View results|$nn votes[ so far]|$nn readers have voted|Results so far}"))
		}
	case 1: // a rating
		lines = append(lines, g.say("{Rate this {article|story}|{How {useful|helpful|interesting} was this {article|story|page}|Did you find this {useful|helpful}|Was this {story|article} {useful|worth reading}}[?]}"))
		if g.r.IntN(2) == 0 {
			lines = append(lines, g.say("{★★★★★|☆☆☆☆☆|1 2 3 4 5|Yes · No|Yes No|👍 👎|Useful · Not useful}"))
		}
		if g.r.IntN(2) == 0 {
			lines = append(lines, g.say("{Thanks for your feedback[!]|Thank you for rating[ this {article|story}]|$nn {people|readers} found this {helpful|useful}|Average rating: {3|4}.{1|4|7|9} {out of 5|/ 5}}"))
		}
	case 2: // a quiz
		lines = append(lines, g.say("{Quiz|Test yourself|Take our quiz|{Weekly|Daily} news quiz|Brain teaser}[:] {How {much|well} do you know|What do you know about|How closely have you followed} {the news this week|$topic|the world of $topicword|$section}?"))
		if g.r.IntN(3) != 0 {
			lines = append(lines, g.say("{Start the quiz|Take the quiz|Play now|Begin|Question 1 of $n|$n questions[, {about|under} $n minutes]}"))
		}
	default: // feedback
		lines = append(lines, g.say("{Tell us|Share} {what you think|your views|your experience}[ {of|about} {this {story|article}|$topic}]"))
		if g.r.IntN(2) == 0 {
			lines = append(lines, g.say("{Send us your {views|comments|photos|story}|Get in touch with {the|our} newsroom|{Email|Message} {us|the $section desk}}[ — {we read every {message|reply}|your reply may be published}]"))
		}
	}
	blocks := make([]Block, len(lines))
	for i, l := range lines {
		blocks[i] = oneBlock("poll", l)
	}
	if g.md && len(blocks) > 1 {
		blocks[0].Markdown = "**" + lines[0] + "**"
	}
	if g.r.IntN(5) < 3 {
		i := g.r.IntN(max(1, len(g.body)-1))
		g.gaps[i] = append(g.gaps[i], blocks...)
		return
	}
	g.end = append(g.end, blocks...)
}

// addEvent puts an event or webinar promotion of one to three lines
// between paragraphs or after the body.
func (g *gen) addEvent() {
	var lines []string
	if g.r.IntN(3) == 0 {
		lines = append(lines, g.sayOne(
			"{Join|Don't miss|Hear} $person {and {guests|a panel of experts}|in conversation with $person|live} {at|for} {our|a} {live|online|free|members'} {event|webinar|Q&A|debate|briefing} on {$section|the $topicword question}[ on $soon][{. |: }{Book|Register|Sign up} {now|here|today}]",
			"{Webinar|Live event|Event|Masterclass}: {$section|$topic} {explained|in focus|and you}, $soon[ at $clock][ — {free|$price}]",
		))
	} else {
		lines = append(lines, g.sayOne(
			"{$outlet|$outlet2} {presents|Live|Events}{:| —} {The future of {$section|$topic}|$section in {focus|question}|Inside the $topicword {debate|business|story}|$section {summit|forum|conference|awards} $year}",
			"{EVENT|Event|WEBINAR|Webinar|LIVE EVENT|Live event|Masterclass|Coming up|Join us}[:] {The future of $section|$topic: what happens next|A night of $section|$section {summit|forum|conference}|{Meet|Ask} $person}",
		))
		lines = append(lines, g.say("$soon{ · |, | — | | at }$clock{ · |, | — | }{$venue, $city|$venue[, $city]|Online[ {and|or} in $city]|{Live|Streamed} online}"))
		if g.r.IntN(4) != 0 {
			lines = append(lines, g.say("[{Tickets from $price|Free to attend|Free for {subscribers|members}|Early bird $price|Members $price|Places are limited}{ · |, | — | }]{Book now|Book tickets|Register now|Get tickets|Reserve your {place|seat|ticket}|Sign up free|Save your seat}"))
		}
	}
	blocks := make([]Block, len(lines))
	for i, l := range lines {
		blocks[i] = oneBlock("event", l)
	}
	if g.md && len(blocks) > 1 {
		blocks[0].Markdown = "### " + lines[0]
	}
	if g.r.IntN(2) == 0 {
		i := g.r.IntN(max(1, len(g.body)-1))
		g.gaps[i] = append(g.gaps[i], blocks...)
		return
	}
	g.end = append(g.end, blocks...)
}

// addComments puts a comment count under the headline, or a comments
// block of one to four lines after the body, or both.
func (g *gen) addComments() {
	count := g.r.IntN(5) < 2
	if count {
		g.head = append(g.head, oneBlock("comments", g.sayOne(
			"$nn {comments|Comments|responses|replies}",
			"💬 $nn[ comments]",
			"{Comments|Join the conversation|Discuss|Jump to comments}[ ($nn)]",
			"{View|Read|See} {the|all|$nn} comments",
		)))
		if g.r.IntN(2) == 0 {
			return
		}
	}
	var lines []string
	lines = append(lines, g.say("{Comments|Reader comments|Conversation|Join the discussion|Have your say|Discussion}[ ($nn)]"))
	for _, k := range g.r.Perm(4)[:g.r.IntN(4)] {
		switch k {
		case 0:
			lines = append(lines, g.say("{Sign in|Log in|Register} to {comment|join the {conversation|discussion}|leave a comment|reply|post}[{, or create a free account|. Creating an account is free|. New here? Registration is free}]"))
		case 1:
			lines = append(lines, g.say("{Sort by|Order by|Show}[:] {Newest|Latest|Oldest|Most liked|Top|Best|Most replied}{ | · | / }{Newest|Oldest|Most liked|Top|Most recent}"))
		case 2:
			lines = append(lines, g.say("{Comments are|The discussion is|This thread is} {moderated|pre-moderated|open for $n days|now closed}[. {Please read|Read|Please follow|See} our {community {guidelines|standards|rules}|house rules|commenting policy}[ before {posting|commenting}]]."))
		default:
			lines = append(lines, g.say("{{Show|Load|View} {more|all|$nn} comments|Be the first to comment|No comments yet|Comments on this {story|article} {are|have been} closed|{Report|Flag} {a|this} comment}"))
		}
	}
	blocks := make([]Block, len(lines))
	for i, l := range lines {
		blocks[i] = oneBlock("comments", l)
	}
	if g.md {
		blocks[0].Markdown = "## " + lines[0]
	}
	g.end = append(g.end, blocks...)
}
