package render

import (
	"bytes"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// Notice is a one-off message to one person, such as a sign-up
// confirmation or a welcome: a heading, a few paragraphs and at most one
// action link. It is rendered by the notice templates with
// digest.UnsubscribePlaceholder where the person's own link goes.
type Notice struct {
	Subject, Heading string
	Paragraphs       []string
	ActionLabel      string
	ActionURL        string
	// After are the small print below the action.
	After         []string
	List          string // the newsletter's name, for the footer
	PostalAddress string
	Language      string
	// ChooseSections adds a link to the reader's subscription page, where
	// they choose their sections, beside Unsubscribe in the footer.
	ChooseSections bool
	// UnsubscribeURL is set by Notice to the placeholder.
	UnsubscribeURL string
}

// The notice templates, defined in notice.html.tmpl and notice.txt.tmpl.
const (
	noticeHTML = "notice.html"
	noticeText = "notice.txt"
)

// Notice renders a notice's HTML and text parts.
func (r *Renderer) Notice(n Notice) (html, text []byte, err error) {
	n.UnsubscribeURL = digest.UnsubscribePlaceholder
	var h, t bytes.Buffer
	if err := r.html.ExecuteTemplate(&h, noticeHTML, &n); err != nil {
		return nil, nil, fmt.Errorf("render notice html: %w", err)
	}
	if err := r.text.ExecuteTemplate(&t, noticeText, &n); err != nil {
		return nil, nil, fmt.Errorf("render notice text: %w", err)
	}
	return h.Bytes(), t.Bytes(), nil
}
