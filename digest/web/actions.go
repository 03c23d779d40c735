package web

import (
	"context"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"strings"

	"github.com/digest-newsletter/digest/digest/desk"
)

const rebuilt = " The edition was rebuilt and is a draft again."

// change applies one article action from the edition page, then sends the
// editor back to that article with a note of what happened.
func (e *editor) change(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		e.refuse(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	ch := desk.Change{
		ArticleID: strings.TrimSpace(r.PostForm.Get("article")),
		Action:    desk.Action(r.PostForm.Get("action")),
		Section:   strings.TrimSpace(r.PostForm.Get("section")),
	}
	if err := checkChange(ch); err != nil {
		e.refuse(w, r, err)
		return
	}
	v, err := e.desk.View(r.Context(), id)
	if err != nil {
		e.refuse(w, r, err)
		return
	}
	if err := e.desk.Change(r.Context(), id, ch); err != nil {
		e.refuse(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: describeChange(ch, articleTitle(v.Items, ch.ArticleID)) + rebuilt})
	seeOther(w, r, "editions/"+url.PathEscape(id)+"#item-"+url.PathEscape(ch.ArticleID))
}

// checkChange refuses a form no page of ours would send, before the desk
// rebuilds anything.
func checkChange(ch desk.Change) error {
	if ch.ArticleID == "" {
		return fmt.Errorf("%w: no article given", desk.ErrBadInput)
	}
	switch ch.Action {
	case desk.Include, desk.Exclude, desk.Pin, desk.Unpin, desk.Up, desk.Down:
		return nil
	case desk.Move:
		if ch.Section == "" {
			return fmt.Errorf("%w: no section to move the article to", desk.ErrBadInput)
		}
		return nil
	default:
		return fmt.Errorf("%w: unknown action %q", desk.ErrBadInput, ch.Action)
	}
}

func describeChange(ch desk.Change, title string) string {
	switch ch.Action {
	case desk.Include:
		return fmt.Sprintf("Included “%s”.", title)
	case desk.Exclude:
		return fmt.Sprintf("Excluded “%s”.", title)
	case desk.Pin:
		return fmt.Sprintf("Pinned “%s”.", title)
	case desk.Unpin:
		return fmt.Sprintf("Unpinned “%s”.", title)
	case desk.Up:
		return fmt.Sprintf("Moved “%s” up.", title)
	case desk.Down:
		return fmt.Sprintf("Moved “%s” down.", title)
	default:
		return fmt.Sprintf("Moved “%s” to %s.", title, ch.Section)
	}
}

func articleTitle(items []desk.Item, articleID string) string {
	for _, it := range items {
		if it.ArticleID == articleID && it.Title != "" {
			return it.Title
		}
	}
	return articleID
}

// approve approves the edition, the same approval as `digest approve`.
func (e *editor) approve(w http.ResponseWriter, r *http.Request) {
	e.act(w, r, "Edition approved.", func(ctx context.Context, id string) error {
		return e.desk.ApproveBy(ctx, id, approver(r))
	})
}

// unapprove withdraws an approval: the edition is a draft again.
func (e *editor) unapprove(w http.ResponseWriter, r *http.Request) {
	e.act(w, r, "Approval withdrawn: the edition is a draft and will not go out until approved again.", e.desk.Unapprove)
}

// discard sets a draft or approved edition aside for good, the same as
// `digest discard`: it stays in the list, marked, and is never sent.
func (e *editor) discard(w http.ResponseWriter, r *http.Request) {
	e.act(w, r, "Edition discarded: it will never be sent. Build a new one when you are ready.", func(ctx context.Context, id string) error {
		return e.desk.DiscardBy(ctx, id, approver(r))
	})
}

// replace places every article of the edition afresh.
func (e *editor) replace(w http.ResponseWriter, r *http.Request) {
	e.act(w, r, "Every article placed afresh by the theme; the edition is a draft again.", e.desk.Replace)
}

// act does one action on the edition the path names, then shows the
// edition again with done as its flash, or refuses with the error.
func (e *editor) act(w http.ResponseWriter, r *http.Request, done string, do func(ctx context.Context, id string) error) {
	id := r.PathValue("id")
	if err := do(r.Context(), id); err != nil {
		e.refuse(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: done})
	seeOther(w, r, "editions/"+url.PathEscape(id))
}

// approver names who acts: the editor requireAuth let in (an editor's
// name, the shared user, or "editor" for the token), "local" on a
// loopback desk without credentials.
func approver(r *http.Request) string {
	if name := desk.EditorOf(r.Context()); name != "" {
		return name
	}
	return "local"
}

// sendTest sends one test copy to the address typed in. A bad address is
// the editor's to fix, so the page comes back with it still in the field;
// a failed send is reported the same way a successful one is.
func (e *editor) sendTest(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		e.refuse(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	typed := strings.TrimSpace(r.PostForm.Get("address"))
	addr, err := mail.ParseAddress(typed)
	if err != nil {
		e.showEdition(w, r, http.StatusBadRequest,
			&flash{Error: true, Text: fmt.Sprintf("“%s” is not an email address: type a whole address, such as ada@example.org, and send the test copy again.", typed)}, typed)
		return
	}
	// The whole mailbox as typed, so the copy's To: keeps its display
	// name ("Reader <reader@example.net>"), as subscribers' messages do.
	messageID, err := e.desk.SendTest(r.Context(), id, addr.String())
	switch status := statusOf(err); {
	case err == nil:
		e.flashes.set(w, r, flash{Text: fmt.Sprintf("Sent a test copy to %s (Message-ID <%s>).", addr.Address, messageID)})
	case status != http.StatusInternalServerError:
		e.refuse(w, r, err)
		return
	default:
		e.log.Error("send test copy", "edition_id", id, "error", err)
		e.flashes.set(w, r, flash{Error: true, Text: fmt.Sprintf("The test copy to %s was not sent: the mail server could not take it just now. Try again in a few minutes; the log has the details.", addr.Address)})
	}
	seeOther(w, r, "editions/"+url.PathEscape(id))
}

// refuse answers an action the desk or the form check turned down. A
// locked edition or bad input shows the edition page again with the
// reason and the status; anything else gets the error page.
func (e *editor) refuse(w http.ResponseWriter, r *http.Request, err error) {
	switch statusOf(err) {
	case http.StatusConflict:
		e.showEdition(w, r, http.StatusConflict, &flash{Error: true, Text: inWords(err)}, "")
	case http.StatusBadRequest:
		e.showEdition(w, r, http.StatusBadRequest, &flash{Error: true, Text: inWords(err)}, "")
	default:
		e.fail(w, r, err)
	}
}
