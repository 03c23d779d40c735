package digest

// Brand is how the newsletter presents itself to readers: on the sign-up
// page, in the welcome mail and in each edition's masthead. It comes from
// the config, already checked (the accent's contrast, the logo's size
// and alt text), so the pages and templates use it as it is.
type Brand struct {
	// Name is the newsletter's name as readers see it; it may differ from
	// the title editions are numbered under.
	Name string `json:"name,omitempty"`
	// Description is one line on what the newsletter covers.
	Description string `json:"description,omitempty"`
	Logo        Logo   `json:"logo,omitzero"`
	// Accent is a colour as #rrggbb, readable on the pages' and the
	// email's backgrounds; "" keeps the templates' own.
	Accent string `json:"accent,omitempty"`
	// Cadence says when editions come, in words ("every Monday at 07:00
	// Tokyo time"): from the schedule, or the config's words when the
	// schedule has no plain description.
	Cadence string `json:"cadence,omitempty"`
}

// Logo is an image shown beside the name. Width and height are given so
// the page does not jump as it loads and mail clients that block images
// keep the layout; Alt stands in for the image when it is not shown.
type Logo struct {
	Src    string `json:"src,omitempty"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Alt    string `json:"alt,omitempty"`
}
