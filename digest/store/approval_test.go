package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// What is sent is exactly what was approved: a draft is refused when
// approval is required, and an approved edition whose content changed
// afterwards is refused whatever the policy.
func TestSendingNeedsTheApprovedContent(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
		tests := []struct {
			name     string
			require  bool
			approve  bool
			tamper   bool // in the database: the web copy, the mail part or the sender
			rebuild  bool
			wantSend bool
		}{
			{"draft, approval not required", false, false, false, false, true},
			{"draft, approval required", true, false, false, false, false},
			{"approved", true, true, false, false, true},
			{"approved then changed in the database", false, true, true, false, false},
			{"approved then its mail part changed", false, true, true, false, false},
			{"approved then its sender changed", false, true, true, false, false},
			{"approved then rebuilt", true, true, false, true, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := openTest(t, db)
				s.RequireApproval(tt.require)
				if _, err := s.AddSubscriber(ctx, "a@x.org", "", now); err != nil {
					t.Fatal(err)
				}
				e := &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now, Title: "one",
					Rendition: testRendition("one")}
				if err := s.InsertEdition(ctx, e); err != nil {
					t.Fatal(err)
				}
				if tt.approve {
					hash, err := s.Approve(ctx, "e", "test", now)
					if err != nil || hash != e.Rendition.Hash() {
						t.Fatalf("approve: %q, %v", hash, err)
					}
				}
				if tt.tamper {
					change := map[string]string{
						"approved then changed in the database": `UPDATE editions SET html = '<p>two</p>'`,
						"approved then its mail part changed":   `UPDATE editions SET mail_html = '<p>two</p>'`,
						"approved then its sender changed":      `UPDATE editions SET mail_header = '{"from":"x@evil.example"}'`,
					}[tt.name]
					if _, err := s.db.Exec(change + ` WHERE id = 'e'`); err != nil {
						t.Fatal(err)
					}
				}
				if tt.rebuild {
					e.HTML = []byte("<p>two</p>")
					if err := s.ReplaceRendered(ctx, e); err != nil {
						t.Fatal(err)
					}
				}
				_, err := s.StartSending(ctx, "e", now)
				if tt.wantSend && err != nil {
					t.Errorf("start sending: %v", err)
				}
				if !tt.wantSend && !errors.Is(err, digest.ErrNotApproved) {
					t.Errorf("start sending: %v, want digest.ErrNotApproved", err)
				}
			})
		}
	})
}

// Once sending starts, approval and overrides are closed.
func TestSentEditionIsLocked(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		now := time.Now()
		e := &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now, Rendition: testRendition("t")}
		if err := s.InsertEdition(ctx, e); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartSending(ctx, "e", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Approve(ctx, "e", "test", now); !errors.Is(err, digest.ErrLocked) {
			t.Errorf("approve while sending: %v", err)
		}
		if err := s.ReplaceRendered(ctx, e); !errors.Is(err, digest.ErrLocked) {
			t.Errorf("rebuild while sending: %v", err)
		}
		if _, err := s.Approve(ctx, "missing", "test", now); !errors.Is(err, digest.ErrNotFound) {
			t.Errorf("approve a missing edition: %v", err)
		}
	})
}

// testRendition is a complete rendition whose every part says word.
func testRendition(word string) digest.Rendition {
	return digest.Rendition{Subject: word, Header: digest.MailHeader{From: "d@example.org", ListID: "list.example.org"},
		HTML: []byte("<p>" + word + "</p>"), Text: []byte(word), JSON: []byte(`{"id":"` + word + `"}`),
		MailHTML: []byte("<p>" + word + " " + digest.UnsubscribePlaceholder + "</p>"),
		MailText: []byte(word + " " + digest.UnsubscribePlaceholder)}
}

// An edition built before mail parts were stored cannot be approved: the
// approval would not cover what is sent.
func TestApproveNeedsMailParts(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		now := time.Now()
		r := testRendition("old")
		r.MailHTML, r.MailText, r.Header = nil, nil, digest.MailHeader{}
		if err := s.InsertEdition(ctx, &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now, Rendition: r}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Approve(ctx, "e", "test", now); err == nil {
			t.Fatal("approved an edition without mail parts")
		}
		full := testRendition("old")
		if err := s.FillMail(ctx, "e", &full); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Approve(ctx, "e", "test", now); err != nil {
			t.Fatalf("approve after the mail parts were stored: %v", err)
		}
		// Filling again changes nothing: stored parts are never replaced.
		other := testRendition("new")
		if err := s.FillMail(ctx, "e", &other); err != nil {
			t.Fatal(err)
		}
		got, err := s.Edition(ctx, "e")
		if err != nil || string(got.MailHTML) != string(full.MailHTML) {
			t.Fatalf("mail part after a second fill = %q, %v", got.MailHTML, err)
		}
	})
}
