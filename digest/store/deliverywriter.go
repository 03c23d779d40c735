package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// deliveryWriter records delivery state changes for many concurrent
// senders with group commit: changes that arrive while a transaction is
// being written go together into the next one. Each call still returns
// only once its change is committed, so "committed before and after each
// SMTP transaction" holds; what changes is that eight workers share one
// commit instead of paying for eight.
//
// Every change is fenced by the row's claim (instance and token): a
// change of a row the sender no longer holds does nothing and returns
// digest.ErrClaimLost, and "sending" also requires the sender's lease to be
// current on the database's clock.
type deliveryWriter struct {
	db    handle
	reqs  chan writeReq
	done  chan struct{}
	stmts map[string]*sql.Stmt
}

type writeReq struct {
	ops   []writeOp // written in the same transaction
	reply chan writeResult
}

// writeResult is a request's outcome: the transaction's error, or which
// of its changes found their row still held.
type writeResult struct {
	held []bool
	err  error
}

type writeOp struct {
	stmt   string
	claim  digest.Claim
	args   []any // the statement's arguments before the claim's
	bounce bool  // mark the subscriber bounced in the same transaction
}

// maxBatch bounds one transaction, so one slow commit never holds many.
const maxBatch = 64

// fenced is the condition every change of a delivery row carries.
const fenced = ` WHERE edition_id = ? AND subscriber_id = ? AND claimed_by = ? AND claim_token = ?`

func deliveryStatements(d dialect, lease time.Duration) map[string]string {
	set := func(st digest.DeliveryStatus) string { return `UPDATE deliveries SET status = ` + literal(st) + `, ` }
	return map[string]string{
		string(digest.DeliverySending):  set(digest.DeliverySending) + `attempts = attempts + 1, updated_at = ?` + fenced + ` AND ` + d.ownLease(lease),
		string(digest.DeliverySent):     set(digest.DeliverySent) + `message_id = ?, last_error = '', updated_at = ?` + fenced,
		string(digest.DeliveryDeferred): set(digest.DeliveryDeferred) + `last_error = ?, updated_at = ?` + fenced,
		string(digest.DeliveryFailed):   set(digest.DeliveryFailed) + `last_error = ?, updated_at = ?` + fenced,
		"bounce":                        `UPDATE subscribers SET status = 'bounced', updated_at = ? WHERE id = ?`,
	}
}

// NewDeliveryWriter starts a writer (see deliveryWriter); Close stops it.
func (s *Store) NewDeliveryWriter(ctx context.Context) (digest.DeliveryWriter, error) {
	w := &deliveryWriter{db: s.db, reqs: make(chan writeReq), done: make(chan struct{}), stmts: map[string]*sql.Stmt{}}
	for name, q := range deliveryStatements(s.db.d, s.lease) {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			w.closeStmts()
			return nil, fmt.Errorf("prepare %s: %w", name, err)
		}
		w.stmts[name] = st
	}
	go w.loop()
	return w, nil
}

// Close stops the writer after the changes already asked for.
func (w *deliveryWriter) Close() {
	close(w.reqs)
	<-w.done
	w.closeStmts()
}

func (w *deliveryWriter) closeStmts() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// MarkSending records that an SMTP transaction is about to start. It
// returns digest.ErrClaimLost when the row is no longer the sender's to send.
func (w *deliveryWriter) MarkSending(c digest.Claim, now time.Time) error {
	return w.one(writeOp{stmt: string(digest.DeliverySending), claim: c, args: []any{formatTime(now)}})
}

// MarkSent records a message the server accepted.
func (w *deliveryWriter) MarkSent(c digest.Claim, messageID string, now time.Time) error {
	return w.one(writeOp{stmt: string(digest.DeliverySent), claim: c, args: []any{messageID, formatTime(now)}})
}

// MarkSentThenSending records one message accepted and the next about to
// start in a single commit: a worker going from one message to the next
// waits for one commit instead of two, and both changes are still
// committed before the next SMTP transaction begins. Each error is
// digest.ErrClaimLost when that row was no longer held, or the commit's error.
func (w *deliveryWriter) MarkSentThenSending(sent digest.Claim, messageID string, next digest.Claim, now time.Time) (sentErr, nextErr error) {
	t := formatTime(now)
	r := w.submit(
		writeOp{stmt: string(digest.DeliverySent), claim: sent, args: []any{messageID, t}},
		writeOp{stmt: string(digest.DeliverySending), claim: next, args: []any{t}})
	if r.err != nil {
		return r.err, r.err
	}
	return lostUnless(r.held[0]), lostUnless(r.held[1])
}

// MarkDeferred records a temporary failure to retry in a later run.
func (w *deliveryWriter) MarkDeferred(c digest.Claim, reason string, now time.Time) error {
	return w.one(writeOp{stmt: string(digest.DeliveryDeferred), claim: c, args: []any{reason, formatTime(now)}})
}

// MarkFailed records a permanent failure; bounced marks the subscriber
// bounced in the same transaction.
func (w *deliveryWriter) MarkFailed(c digest.Claim, reason string, bounced bool, now time.Time) error {
	return w.one(writeOp{stmt: string(digest.DeliveryFailed), claim: c, args: []any{reason, formatTime(now)}, bounce: bounced})
}

func (w *deliveryWriter) one(op writeOp) error {
	r := w.submit(op)
	if r.err != nil {
		return r.err
	}
	return lostUnless(r.held[0])
}

func lostUnless(held bool) error {
	if held {
		return nil
	}
	return digest.ErrClaimLost
}

func (w *deliveryWriter) submit(ops ...writeOp) writeResult {
	reply := make(chan writeResult, 1)
	w.reqs <- writeReq{ops: ops, reply: reply}
	return <-reply
}

// loop writes batches until Close. It uses no caller's context: a change
// asked for is written even while the program shuts down.
func (w *deliveryWriter) loop() {
	defer close(w.done)
	for first := range w.reqs {
		batch := []writeReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-w.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		held, err := w.write(batch)
		for i, r := range batch {
			if err != nil {
				r.reply <- writeResult{err: err}
			} else {
				r.reply <- writeResult{held: held[i]}
			}
		}
	}
}

// write commits a batch and reports, per request and change, whether the
// change found its row still held.
func (w *deliveryWriter) write(batch []writeReq) ([][]bool, error) {
	ctx := context.Background()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("record deliveries: %w", err)
	}
	held := make([][]bool, len(batch))
	for i, req := range batch {
		for _, r := range req.ops {
			c := r.claim
			res, err := tx.StmtContext(ctx, w.stmts[r.stmt]).ExecContext(ctx,
				append(r.args, c.EditionID, c.SubscriberID, c.Instance, c.Token)...)
			if err != nil {
				tx.Rollback()
				return nil, fmt.Errorf("record delivery %s/%d: %w", c.EditionID, c.SubscriberID, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				tx.Rollback()
				return nil, fmt.Errorf("record delivery %s/%d: %w", c.EditionID, c.SubscriberID, err)
			}
			held[i] = append(held[i], n == 1)
			if r.bounce && n == 1 {
				if _, err := tx.StmtContext(ctx, w.stmts["bounce"]).ExecContext(ctx, r.args[len(r.args)-1], c.SubscriberID); err != nil {
					tx.Rollback()
					return nil, fmt.Errorf("mark subscriber %d bounced: %w", c.SubscriberID, err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("record deliveries: %w", err)
	}
	return held, nil
}
