package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// What is sent is exactly what was approved: a draft is refused when
// approval is required, and an approved edition whose content changed
// afterwards is refused whatever the policy.
func TestSendingNeedsTheApprovedContent(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		require  bool
		approve  bool
		tamper   bool
		rebuild  bool
		wantSend bool
	}{
		{"draft, approval not required", false, false, false, false, true},
		{"draft, approval required", true, false, false, false, false},
		{"approved", true, true, false, false, true},
		{"approved then changed in the database", false, true, true, false, false},
		{"approved then rebuilt", true, true, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTest(t)
			s.RequireApproval(tt.require)
			if _, err := s.AddSubscriber(ctx, "a@x.org", "", now); err != nil {
				t.Fatal(err)
			}
			e := &Edition{ID: "e", Key: "k", Kind: "manual", Status: "draft", CreatedAt: now,
				HTML: []byte("<p>one</p>"), Text: []byte("one"), JSON: []byte(`{"id":"e"}`)}
			if err := s.InsertEdition(ctx, e); err != nil {
				t.Fatal(err)
			}
			if tt.approve {
				hash, err := s.Approve(ctx, "e", now)
				if err != nil || hash != RenderedHash(e.HTML, e.Text, e.JSON) {
					t.Fatalf("approve: %q, %v", hash, err)
				}
			}
			if tt.tamper {
				if _, err := s.db.Exec(`UPDATE editions SET html = '<p>two</p>' WHERE id = 'e'`); err != nil {
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
			if !tt.wantSend && !errors.Is(err, ErrNotApproved) {
				t.Errorf("start sending: %v, want ErrNotApproved", err)
			}
		})
	}
}

// Once sending starts, approval and overrides are closed.
func TestSentEditionIsLocked(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	now := time.Now()
	e := &Edition{ID: "e", Key: "k", Kind: "manual", Status: "draft", CreatedAt: now,
		HTML: []byte("h"), Text: []byte("t"), JSON: []byte("{}")}
	if err := s.InsertEdition(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartSending(ctx, "e", now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Approve(ctx, "e", now); !errors.Is(err, ErrLocked) {
		t.Errorf("approve while sending: %v", err)
	}
	if err := s.ReplaceRendered(ctx, e); !errors.Is(err, ErrLocked) {
		t.Errorf("rebuild while sending: %v", err)
	}
	if _, err := s.Approve(ctx, "missing", now); !errors.Is(err, ErrNotFound) {
		t.Errorf("approve a missing edition: %v", err)
	}
}
