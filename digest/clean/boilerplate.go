package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// Reasons recorded in Article.Removed.
const (
	ReasonComment        = "boilerplate: comment prompt"
	ReasonShare          = "boilerplate: share or subscribe"
	ReasonRelated        = "boilerplate: related links"
	ReasonCredit         = "boilerplate: media credit"
	ReasonCallToAction   = "boilerplate: call to action"
	ReasonCallout        = "boilerplate: callout without content"
	ReasonCalloutLabel   = "callout label"
	ReasonFAQ            = "FAQ"
	ReasonSeparator      = "separator"
	ReasonRepeatedTitle  = "repeated title"
	ReasonNamelessByline = "byline without a person's name"
	ReasonBio            = "author biography"
	ReasonUnrelated      = "unrelated paragraph"
	ReasonEmptyHeading   = "heading without text"
)

// pattern is one kind of site furniture. maxWords keeps a rule to the
// short lines furniture comes in, so a long paragraph that happens to say
// "subscribe to" is never taken for it.
type pattern struct {
	re       *lazyre.Regexp
	reason   string
	maxWords int
}

func rule(expr, reason string, maxWords int) pattern {
	return pattern{re: lazyre.New(`(?i)` + expr), reason: reason, maxWords: maxWords}
}

// boilerplate is matched against whole paragraphs.
var boilerplate = []pattern{
	rule(`^(leave|post|add|write|submit) (a|your) (comment|reply|response)\b`, ReasonComment, 20),
	rule(`^join the (conversation|discussion|debate)\b`, ReasonComment, 20),
	rule(`\bshare your (thoughts|views|opinions?|comments|experiences?|take)\b`, ReasonComment, 40),
	rule(`\b(let us know|tell us|sound off) .*\b(in|to) the comments\b`, ReasonComment, 40),
	rule(`^(\d+\s+)?(comments?|replies|responses)\s*(\(\d+\))?:?$`, ReasonComment, 4),
	rule(`^(show|view|load|hide|read) (all )?(\d+ )?comments\b`, ReasonComment, 8),
	rule(`^(comments are closed|you must be logged in to (post a )?comment)`, ReasonComment, 20),
	rule(`\b(subscribe|sign up|signup|register)\b.*\b(newsletter|mailing list|our channel|podcast|updates)\b`, ReasonShare, 40),
	rule(`^subscribe\b`, ReasonShare, 15),
	rule(`^share (this|on|via|it)\b|^share$`, ReasonShare, 12),
	rule(`^follow us\b|\bfollow us on\b`, ReasonShare, 25),
	rule(`^(click|tap) here\b`, ReasonShare, 20),
	rule(`^(tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link)( this)?$`, ReasonShare, 2),
	rule(`^(advertisement|sponsored( content)?|ad|promoted)$`, ReasonShare, 2),
	rule(`^(continue reading|read the full (story|article))\b`, ReasonShare, 12),
	rule(`^you (may|might|could) (also )?(like|enjoy|be interested in)\b`, ReasonRelated, 20),
	rule(`^(related|related (articles?|stories|posts|content|reading|coverage|news|links)|read more|read also|also read|see also|more on this( story| topic)?|further reading|recommended( reading| for you)?|read next|up next|most (read|popular|viewed)|trending( now)?)\s*([:：]|$)`, ReasonRelated, 40),
	rule(`^more from\b`, ReasonRelated, 8),
	rule(`^for more (on|about|information|details|coverage|analysis)\b.*\b(see|read|visit|check out|explore|click|go to)\b`, ReasonRelated, 45),
	rule(`\b(see|read|check out|explore|visit) our (analysis|report|coverage|guide|article|story|piece|explainer|series|previous|earlier|full|latest|in-depth|special)\b`, ReasonRelated, 45),
	rule(`^from (instagram|twitter|x|facebook|tiktok|youtube|linkedin|threads|reddit|pinterest|bluesky|mastodon)\b`, ReasonCredit, 25),
	rule(`^(a post shared by|view this post on)\b`, ReasonCredit, 25),
	rule(`^(photo|image|picture|video|graphic|illustration|photograph|caption|credit|featured image|header image|lead image|top image|cover (photo|image)|screenshot)s?( credits?| courtesy( of)?| by| via| source)?\s*[:|—–]`, ReasonCredit, 30),
	rule(`^(photo|image|picture|video|illustration)s? (credits?|courtesy|by|via)\b`, ReasonCredit, 30),
	rule(`\b(getty images|shutterstock|istock(photo)?|alamy|via getty|(ap|afp|reuters|epa) photo)\b`, ReasonCredit, 25),
	rule(`pic\.twitter\.com/`, ReasonCredit, 40),
	rule(`^(pro|top|quick|expert|insider|bonus|hot|editor'?s|editors’|editor’s) tips?\b|^tip\s*[:：]`, ReasonCallToAction, 80),
	rule(`^(don'?t|don’t|do not) miss\b`, ReasonCallToAction, 30),
	rule(`^(download|get) (our|the|your) (free )?(app|guide|e-?book|report|newsletter|checklist)\b`, ReasonCallToAction, 30),
	rule(`^(sign up|register|join) (now|today|here|for free)\b`, ReasonCallToAction, 30),
	rule(`^about the authors?$`, ReasonBio, 4),
}

var (
	faqHeading     = lazyre.New(`(?i)^(frequently asked questions|faqs?|common questions|questions and answers|q\s?&\s?a|people also ask)\b(\s*\(faqs?\))?\s*([:–—-].{0,80})?$`)
	relatedHeading = lazyre.New(`(?i)^(you (may|might|could) (also )?(like|enjoy|be interested in)|related( articles| stories| posts| content| reading| coverage| news| links)?|read more|read also|also read|more (stories|articles|news)|more from .{1,40}|further reading|recommended( reading| for you| articles| stories)?|read next|up next|most (read|popular|viewed)|trending( now| stories)?|popular (posts|stories))\s*[:：]?$`)
	calloutLabel   = lazyre.New(`(?i)^(did you know|fun fact|quick fact|fast fact|key fact)\s*[?:!.—–-]*\s*`)
	questionStart  = lazyre.New(`(?i)^(q|question)\s*[:.)]\s`)
)

// boilerplateReason says why s is site furniture, or "" when it is not.
func boilerplateReason(s string) string {
	words := text.WordCount(s)
	low := lazyre.Lower(s)
	for _, p := range boilerplate {
		if words <= p.maxWords && p.re.MatchLower(s, low) {
			return p.reason
		}
	}
	return ""
}

func isQuestion(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, "\"”’'"), "?") || questionStart.MatchString(s)
}
