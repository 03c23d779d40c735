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
		"offtopic",  // a paragraph pasted in from another story
	}
}

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

// IsHeldOut reports whether family is held out of tuning.
func IsHeldOut(family string) bool { return slices.Contains(HeldOutFamilies(), family) }

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
