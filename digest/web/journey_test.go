package web

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// TestBrowserReaderAndEditorJourney drives both faces in headless
// Chromium. A reader signs up choosing one section, confirms from the
// link in the message received, finds that section on their page; an editor writes an intro, removes a
// summary sentence, swaps another and approves; the edition goes out;
// the reader's message holds only their section, the other subscriber's
// holds exactly what the editor approved; the reader unsubscribes and
// resubscribes from their own link.
func TestBrowserReaderAndEditorJourney(t *testing.T) {
	ctx, editorSrv, f := browserOnEditor(t, 1200, 1000)
	pub := httptest.NewUnstartedServer(nil)
	handler, err := NewPublic(f.Desk, PublicOptions{Addr: pub.Listener.Addr().String(), PublicURL: desktest.PublicURL, Clock: f.Clock,
		Secret: f.Secret, Brand: f.App.Config.DigestBrand()})
	if err != nil {
		t.Fatal(err)
	}
	pub.Config.Handler = handler
	pub.Start()
	t.Cleanup(pub.Close)
	local := func(link string) string { return pub.URL + strings.TrimPrefix(link, desktest.PublicURL) }
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("browser: %s: %v", step, err)
		}
	}
	const reader = "reader@example.com"
	ed := view(t, f).Edition
	if len(ed.Sections) < 2 {
		t.Fatal("the seed edition needs two sections for this test")
	}
	chosen, other := ed.Sections[0].Title, ed.Sections[1].Title

	// The reader signs up, choosing the first section of the edition
	// only, and confirms from the message.
	run("fill in the form",
		chromedp.Navigate(pub.URL+"/subscribe"),
		chromedp.SendKeys(chromedp.CSS(`#signup-email`), reader),
		chromedp.Click(chromedp.CSS(`input[name="section"][value="`+chosen+`"]`)))
	f.Clock.Set(f.Clock.Now().Add(minFillTime)) // the time a person takes
	run("sign up",
		chromedp.Click(chromedp.CSS(`form button.primary`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[text()="Check your inbox"]`)))
	f.SendNotices(t) // the public face's process does this on its own
	msgs := f.Messages(t)
	if len(msgs) != 1 || msgs[0].To != reader {
		t.Fatalf("%d messages after sign-up, want the confirmation to %s", len(msgs), reader)
	}
	confirm := confirmRE.FindString(msgs[0].Body)
	run("confirm",
		chromedp.Navigate(local(confirm)),
		chromedp.Click(chromedp.CSS(`form button.primary`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[text()="You are subscribed"]`)))
	f.SendNotices(t)
	welcome := f.Messages(t)[1]
	manage := regexp.MustCompile(`https://\S+/unsubscribe\?s=[0-9a-f]{32}&t=[\w-]+`).FindString(welcome.Body)
	if manage == "" {
		t.Fatalf("no subscription link in the welcome:\n%s", welcome.Body)
	}

	// Their subscription page shows the section they chose at sign-up,
	// and keeping it is the primary action.
	run("open the subscription page",
		chromedp.Navigate(local(manage)+"#sections"), chromedp.WaitVisible(chromedp.CSS(`#sections`)))
	ticked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('input[name="section"]:checked')].map(e => e.value)`))
	if err != nil {
		t.Fatalf("browser: ticked sections: %v", err)
	}
	if len(ticked) != 1 || ticked[0] != chosen {
		t.Fatalf("sections ticked after signing up for %q: %q", chosen, ticked)
	}
	run("keep the subscription",
		chromedp.Click(chromedp.CSS(`form[action*="preferences"] button.primary`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Saved:")]`)))

	// The editor writes an intro, removes a sentence, swaps another, approves.
	page := editorSrv.URL + "/editions/" + f.EditionID
	const intro = "This week: three stories on Japan and NATO."
	run("write the intro",
		chromedp.Navigate(page),
		chromedp.SendKeys(chromedp.CSS(`#note-intro`), intro),
		chromedp.Click(chromedp.CSS(`form[action$="/note"] button`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Saved the editor")]`)))
	sentences, err := f.Desk.Sentences(context.Background(), view(t, f))
	if err != nil || len(sentences) < 2 {
		t.Fatalf("%d summary sentences, %v", len(sentences), err)
	}
	removed := sentences[0]
	run("remove a sentence",
		chromedp.Click(chromedp.CSS(`#sentence-0 button[value="remove"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Removed")]`)))
	sentences, _ = f.Desk.Sentences(context.Background(), view(t, f))
	swapped := sentences[0]
	if len(swapped.Alternatives) == 0 {
		t.Fatalf("no alternative offered for %q", swapped.Text)
	}
	replacement := swapped.Alternatives[0]
	run("swap a sentence",
		chromedp.Click(chromedp.CSS(`#sentence-0 form:nth-of-type(2) button`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Swapped")]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.facts .status-approved`)))

	// The editor sends it from the desk, confirming the count, and the
	// page keeps the approval record once it is sent.
	run("send now, confirmed",
		chromedp.Click(chromedp.CSS(`#send a.button`)),
		chromedp.WaitVisible(chromedp.Search(`//section[@id="send" and contains(., "subscribers?")]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/send"] button`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Sending has started")]`)))
	f.Desk.WaitSends()
	// The page shows the send's end once the edition is sent; reload
	// until it is, as an editor would (under the race detector on
	// PostgreSQL the send takes a while).
	deadline := time.Now().Add(90 * time.Second)
	for {
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatalf("browser: reload the edition: %v", err)
		}
		sent, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`!!document.querySelector("#progress") && document.querySelector("#progress").innerText.includes("0 failed of")`))
		if err != nil {
			t.Fatalf("browser: reload the edition: %v", err)
		}
		if sent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the edition sent from the desk never showed as sent")
		}
		time.Sleep(time.Second)
	}
	run("sent, with its approval",
		chromedp.WaitVisible(chromedp.CSS(`.facts .approval`)))
	byTo := map[string]desktest.Message{}
	subject := view(t, f).Edition.Subject
	for _, m := range f.Messages(t) {
		if m.Subject == subject {
			byTo[m.To] = m
		}
	}
	full, mine := byTo[f.Subscribers[0].Address], byTo[reader]
	if full.Body == "" || mine.Body == "" {
		t.Fatalf("edition messages to %v", keys(byTo))
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	heading := func(title string) string { return "\r\n" + title + "\r\n---" } // the text part's
	for _, want := range []string{intro, "From the editor", flat(replacement), heading(other), heading(chosen)} {
		if !strings.Contains(flat(full.Body), flat(want)) && !strings.Contains(full.Body, want) {
			t.Errorf("the full edition lacks %q", want)
		}
	}
	for _, gone := range []string{removed.Text, swapped.Text} {
		if strings.Contains(flat(full.Body), flat(gone)) {
			t.Errorf("the sent edition still carries %q", gone)
		}
	}
	if !strings.Contains(mine.Body, heading(chosen)) || strings.Contains(mine.Body, heading(other)) || !strings.Contains(mine.Body, intro) {
		t.Errorf("the reader's message should hold %q (%v) and the intro (%v), not %q (%v)", chosen, strings.Contains(mine.Body, heading(chosen)), strings.Contains(mine.Body, intro), other, strings.Contains(mine.Body, heading(other)))
	}

	// The reader leaves from their own link, then comes back: the link
	// mails a confirmation, whose link puts them back.
	link := regexp.MustCompile(`https://\S+/unsubscribe\?s=[0-9a-f]{32}&t=[\w-]+`).FindString(mine.Body)
	run("unsubscribe and resubscribe",
		chromedp.Navigate(local(link)),
		chromedp.Click(chromedp.Search(`//button[text()="Unsubscribe"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[text()="You are unsubscribed"]`)),
		chromedp.Click(chromedp.Search(`//button[text()="Resubscribe"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[text()="Check your inbox"]`)))
	if sub, _ := f.Store.Subscriber(context.Background(), reader); sub.Status != digest.SubscriberUnsubscribed {
		t.Errorf("the resubscribe button alone made the reader %s", sub.Status)
	}
	f.Clock.Set(f.Clock.Now().Add(2 * time.Hour)) // past the hour since the last link
	f.SendNotices(t)
	all := f.Messages(t)
	again := confirmRE.FindString(all[len(all)-1].Body)
	if again == "" {
		t.Fatalf("no confirmation after resubscribing:\n%s", all[len(all)-1].Body)
	}
	run("confirm again",
		chromedp.Navigate(local(again)),
		chromedp.Click(chromedp.CSS(`form button.primary`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[text()="You are subscribed"]`)))
	if sub, _ := f.Store.Subscriber(context.Background(), reader); sub.Status != digest.SubscriberActive {
		t.Errorf("after confirming again the reader is %s", sub.Status)
	}
}

// confirmRE finds a confirmation link in a message.
var confirmRE = regexp.MustCompile(`https://\S+/subscribe/confirm\?s=[0-9a-f]{32}&e=\d+&t=[\w-]+`)

func keys(m map[string]desktest.Message) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
