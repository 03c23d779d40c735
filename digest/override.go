package digest

// Override is an editor's decision about one article in one edition. It
// outlives rebuilds: choosing the articles again honours it, so an
// editor's word beats the theme's score.
type Override struct {
	ArticleID string
	Excluded  bool
	// Included keeps the article even when it is off theme or over a
	// limit; Pinned puts it at the top and implies Included.
	Included bool
	Pinned   bool
	Section  string // a section title; "" leaves placement to the theme
	// Position is the editor's place for the article within its section
	// (1, 2, …); 0 leaves it where its importance puts it.
	Position int
}

// Forced reports whether an editor put the article in: included, pinned
// or moved to a section. Such an article is kept whatever its score, its
// age or the section's limit.
func (o Override) Forced() bool { return o.Included || o.Pinned || o.Section != "" }
