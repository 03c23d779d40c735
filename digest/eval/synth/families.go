package synth

import "slices"

// Line kinds other than a furniture family's name.
const (
	KindBody  = "body"  // a paragraph of the article
	KindTitle = "title" // the headline, where it belongs
)

// Article splits: a tuned article holds only tuned families, a held-out
// one only held-out families (and the plain layout both share).
const (
	SplitTuned   = "tuned"
	SplitHeldOut = "held out"
)

// FurnitureFamilies are the kinds of page furniture. Each labels its own
// lines with its name.
func FurnitureFamilies() []string {
	return []string{
		"dateline",  // wire datelines of several forms at the start of the body
		"crumbs",    // navigation breadcrumbs
		"listen",    // audio widgets
		"readtime",  // reading-time widgets
		"tags",      // topic tag rows
		"appbanner", // app download and alert banners
		"ad",        // advertisement markers
		"share",     // share rows and buttons
		"bio",       // author biographies
		"note",      // editor's notes, corrections, clarifications, updates
		"byline",    // bylines
		"subscribe", // subscription and newsletter prompts
		"cookie",    // cookie banners and their buttons
		"caption",   // photo captions
		"credit",    // photo and media credits
		"related",   // related-link blocks
		"timestamp", // published and updated lines
		OffTopic,    // a paragraph pasted in from another story
		// The fresh held-out families (FreshHeldOutFamilies).
		"disclosure", // affiliate, sponsorship, ownership, syndication and AI notices; disclaimers
		"poll",       // reader polls, quizzes, ratings and feedback widgets
		"event",      // event and webinar promotions with dates, venues, prices and ticket buttons
		"comments",   // comment counts, sign-in prompts, sort menus, community rules
	}
}

// OffTopic is the family of a paragraph pasted in from another story:
// text of a real story, not page furniture, for a theme to remove.
const OffTopic = "offtopic"

// LayoutFamilies are ways of laying a file out. caps-repeat labels its
// repeated headline with its own name; the others add no lines.
func LayoutFamilies() []string {
	return []string{
		"above-headline", // a furniture line directly above the headline
		"no-headline",    // the file has no headline at all
		"caps-repeat",    // the headline repeated in capitals below it
		"single-newline", // every line pasted with single newlines
		"markdown",       // a .md file with Markdown markup
	}
}

// HeldOutFamilies are never to be tuned on: they appear only in held-out
// articles, so their figures show whether cleaning generalizes. Fixed
// before the first tuning run (issue 21); changing it voids the
// comparison with every figure reported before.
func HeldOutFamilies() []string {
	return []string{"readtime", "bio", "note", "cookie", "credit", "related", "caps-repeat", "markdown"}
}

// FreshHeldOutFamilies are a second held-out group, written on
// 2026-12-06 after "note" and "cookie" of HeldOutFamilies were inspected
// while designing a cleaning rule, so that some held-out figures still
// come from furniture no one has looked at while tuning. Like the first
// group they appear only in held-out articles; the cleaner must never be
// tuned on them, and changing the list voids the figures reported for it.
func FreshHeldOutFamilies() []string {
	return []string{"disclosure", "poll", "event", "comments"}
}

// InspectedHeldOutFamilies are the families of HeldOutFamilies that were
// inspected while designing a cleaning rule: their figures no longer
// show generalization.
func InspectedHeldOutFamilies() []string { return []string{"note", "cookie"} }

// IsHeldOut reports whether family is held out of tuning, in either
// group.
func IsHeldOut(family string) bool {
	return slices.Contains(HeldOutFamilies(), family) || IsFresh(family)
}

// IsFresh reports whether family is of the fresh held-out group.
func IsFresh(family string) bool { return slices.Contains(FreshHeldOutFamilies(), family) }

// IsInspected reports whether family is a held-out family that has been
// inspected.
func IsInspected(family string) bool { return slices.Contains(InspectedHeldOutFamilies(), family) }

// FamilySplit is the split whose articles use family.
func FamilySplit(family string) string {
	if IsHeldOut(family) {
		return SplitHeldOut
	}
	return SplitTuned
}

// familiesOf lists the families of a split among all.
func familiesOf(all []string, split string) []string {
	var out []string
	for _, f := range all {
		if FamilySplit(f) == split {
			out = append(out, f)
		}
	}
	return out
}
