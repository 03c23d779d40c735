package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// DeliveryWriter records delivery state changes for many concurrent
// senders with group commit: changes that arrive while a transaction is
// being written go together into the next one. Each call still returns
// only once its change is committed, so "committed before and after each
// SMTP transaction" holds; what changes is that eight workers share one
// commit instead of paying for eight.
type DeliveryWriter struct {
	db    handle
	reqs  chan writeReq
	done  chan struct{}
	stmts map[string]*sql.Stmt
}

type writeReq struct {
	ops   []writeOp // written in the same transaction
	reply chan error
}

type writeOp struct {
	stmt   string
	args   []any
	bounce int64 // a subscriber to mark bounced in the same transaction, or 0
}

// maxBatch bounds one transaction, so one slow commit never holds many.
const maxBatch = 64

var deliveryStatements = map[string]string{
	DeliverySending: `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?
		WHERE edition_id = ? AND subscriber_id = ?`,
	DeliverySent: `UPDATE deliveries SET status = 'sent', message_id = ?, last_error = '', updated_at = ?
		WHERE edition_id = ? AND subscriber_id = ?`,
	DeliveryDeferred: `UPDATE deliveries SET status = 'deferred', last_error = ?, updated_at = ?
		WHERE edition_id = ? AND subscriber_id = ?`,
	DeliveryFailed: `UPDATE deliveries SET status = 'failed', last_error = ?, updated_at = ?
		WHERE edition_id = ? AND subscriber_id = ?`,
	"bounce": `UPDATE subscribers SET status = 'bounced', updated_at = ? WHERE id = ?`,
}

// NewDeliveryWriter starts a writer; Close stops it.
func (s *Store) NewDeliveryWriter(ctx context.Context) (*DeliveryWriter, error) {
	w := &DeliveryWriter{db: s.db, reqs: make(chan writeReq), done: make(chan struct{}), stmts: map[string]*sql.Stmt{}}
	for name, q := range deliveryStatements {
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
func (w *DeliveryWriter) Close() {
	close(w.reqs)
	<-w.done
	w.closeStmts()
}

func (w *DeliveryWriter) closeStmts() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// MarkSending records that an SMTP transaction is about to start.
func (w *DeliveryWriter) MarkSending(editionID string, subscriberID int64, now time.Time) error {
	return w.do(DeliverySending, 0, formatTime(now), editionID, subscriberID)
}

// MarkSent records a message the server accepted.
func (w *DeliveryWriter) MarkSent(editionID string, subscriberID int64, messageID string, now time.Time) error {
	return w.do(DeliverySent, 0, messageID, formatTime(now), editionID, subscriberID)
}

// MarkSentThenSending records one message accepted and the next about to
// start in a single commit: a worker going from one message to the next
// waits for one commit instead of two, and both changes are still
// committed before the next SMTP transaction begins.
func (w *DeliveryWriter) MarkSentThenSending(editionID string, sentID int64, messageID string, nextID int64, now time.Time) error {
	t := formatTime(now)
	return w.submit(
		writeOp{stmt: DeliverySent, args: []any{messageID, t, editionID, sentID}},
		writeOp{stmt: DeliverySending, args: []any{t, editionID, nextID}})
}

// MarkDeferred records a temporary failure to retry in a later run.
func (w *DeliveryWriter) MarkDeferred(editionID string, subscriberID int64, reason string, now time.Time) error {
	return w.do(DeliveryDeferred, 0, reason, formatTime(now), editionID, subscriberID)
}

// MarkFailed records a permanent failure; bounced marks the subscriber
// bounced in the same transaction.
func (w *DeliveryWriter) MarkFailed(editionID string, subscriberID int64, reason string, bounced bool, now time.Time) error {
	var bounce int64
	if bounced {
		bounce = subscriberID
	}
	return w.do(DeliveryFailed, bounce, reason, formatTime(now), editionID, subscriberID)
}

func (w *DeliveryWriter) do(stmt string, bounce int64, args ...any) error {
	return w.submit(writeOp{stmt: stmt, args: args, bounce: bounce})
}

func (w *DeliveryWriter) submit(ops ...writeOp) error {
	reply := make(chan error, 1)
	w.reqs <- writeReq{ops: ops, reply: reply}
	return <-reply
}

// loop writes batches until Close. It uses no caller's context: a change
// asked for is written even while the program shuts down.
func (w *DeliveryWriter) loop() {
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
		err := w.write(batch)
		for _, r := range batch {
			r.reply <- err
		}
	}
}

func (w *DeliveryWriter) write(batch []writeReq) error {
	ctx := context.Background()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record deliveries: %w", err)
	}
	for _, req := range batch {
		for _, r := range req.ops {
			if _, err := tx.StmtContext(ctx, w.stmts[r.stmt]).ExecContext(ctx, r.args...); err != nil {
				tx.Rollback()
				return fmt.Errorf("record delivery %v/%v: %w", r.args[len(r.args)-2], r.args[len(r.args)-1], err)
			}
			if r.bounce != 0 {
				if _, err := tx.StmtContext(ctx, w.stmts["bounce"]).ExecContext(ctx, r.args[len(r.args)-3], r.bounce); err != nil {
					tx.Rollback()
					return fmt.Errorf("mark subscriber %d bounced: %w", r.bounce, err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record deliveries: %w", err)
	}
	return nil
}
