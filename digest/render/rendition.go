package render

import (
	"github.com/digest-newsletter/digest/digest"
)

// Rendition renders an edition in every form it is shown, approved and
// sent: the web copy (no one's unsubscribe link), the JSON, and the mail
// parts with digest.UnsubscribePlaceholder where each subscriber's link
// goes. header is what its messages will say about their sender.
func (r *Renderer) Rendition(e *digest.Edition, header digest.MailHeader) (*digest.Rendition, error) {
	web := *e
	web.UnsubscribeURL = ""
	subject := e.Subject
	if subject == "" { // editions stored before subjects were their own
		subject = e.Title
	}
	out := &digest.Rendition{Subject: subject, Header: header}
	var err error
	if out.HTML, err = r.HTML(&web); err != nil {
		return nil, err
	}
	if out.Text, err = r.Text(&web); err != nil {
		return nil, err
	}
	if out.JSON, err = JSON(&web); err != nil {
		return nil, err
	}
	if out.MailHTML, out.MailText, err = r.MailParts(e); err != nil {
		return nil, err
	}
	return out, nil
}

// MailParts renders the email's HTML and text parts, with the
// placeholder where each subscriber's link goes: the edition's, and each
// variant's.
func (r *Renderer) MailParts(e *digest.Edition) (html, text []byte, err error) {
	mail := *withClickLinks(e)
	mail.UnsubscribeURL = digest.UnsubscribePlaceholder
	if html, err = r.HTML(&mail); err != nil {
		return nil, nil, err
	}
	if text, err = r.Text(&mail); err != nil {
		return nil, nil, err
	}
	return html, text, nil
}

// MailHTML renders the email's HTML part alone, placeholder included:
// what the size limit is measured on.
func (r *Renderer) MailHTML(e *digest.Edition) ([]byte, error) {
	mail := *withClickLinks(e)
	mail.UnsubscribeURL = digest.UnsubscribePlaceholder
	return r.HTML(&mail)
}
