package transport

import (
	"errors"
	"net/smtp"
	"net/textproto"

	"github.com/digest-newsletter/digest/digest"
)

// session is what the server's EHLO reply said that sending depends on.
type session struct {
	// pipelining: the server takes MAIL FROM, RCPT TO and DATA in one
	// write (RFC 2920).
	pipelining bool
	// mailParams are added to MAIL FROM exactly as net/smtp adds them.
	mailParams string
}

// sessionOf reads the extensions of a client that has said EHLO (again
// after STARTTLS, as net/smtp does).
func sessionOf(client *smtp.Client) session {
	var s session
	s.pipelining, _ = client.Extension("PIPELINING")
	if ok, _ := client.Extension("8BITMIME"); ok {
		s.mailParams += " BODY=8BITMIME"
	}
	if ok, _ := client.Extension("SMTPUTF8"); ok {
		s.mailParams += " SMTPUTF8"
	}
	return s
}

// envelope runs MAIL FROM, RCPT TO and DATA up to the server's go-ahead
// (354) and names the step that failed. Each reply is awaited within
// CommandTimeout.
//
// With PIPELINING the three commands leave in one write and the replies
// are read in order afterwards: one round trip instead of three. The
// message itself is only sent after all three were accepted, so what can
// reach a mailbox is the same as one command at a time. The first refusal
// is the one reported, as it would have been without pipelining; the
// replies after it are read too, so the connection stays in step and can
// be reset and reused.
func (t *SMTP) envelope(c *conn, msg *digest.Message) (step string, err error) {
	text := c.client.Text
	if !c.session.pipelining {
		c.setDeadline(t.cfg.CommandTimeout)
		if err := c.client.Mail(msg.From); err != nil {
			return stepMail, err
		}
		c.setDeadline(t.cfg.CommandTimeout)
		if err := c.client.Rcpt(msg.To); err != nil {
			return stepRcpt, err
		}
		c.setDeadline(t.cfg.CommandTimeout)
		if err := command(text, 354, "DATA"); err != nil {
			return stepData, err
		}
		return "", nil
	}

	// validate has kept CR, LF, NUL and angle brackets out of both
	// addresses, so they cannot add or break a command line.
	c.setDeadline(t.cfg.CommandTimeout)
	w := text.W
	w.WriteString("MAIL FROM:<" + msg.From + ">" + c.session.mailParams + "\r\n")
	w.WriteString("RCPT TO:<" + msg.To + ">\r\n")
	w.WriteString("DATA\r\n")
	if err := w.Flush(); err != nil {
		return stepMail, err
	}
	replies := [...]struct {
		step   string
		expect int
	}{{stepMail, 250}, {stepRcpt, 25}, {stepData, 354}}
	for i, r := range replies {
		c.setDeadline(t.cfg.CommandTimeout)
		_, _, err := text.ReadResponse(r.expect)
		if err == nil {
			continue
		}
		var reply *textproto.Error
		if !errors.As(err, &reply) {
			return r.step, err // no reply: the connection broke or timed out
		}
		// Refused. Read the rest so the connection stays in step. A
		// server that still says 354 to DATA now waits for a message
		// that must not come: cut the connection, which ends the
		// transaction without delivering anything.
		for _, later := range replies[i+1:] {
			c.setDeadline(t.cfg.CommandTimeout)
			_, _, laterErr := text.ReadResponse(later.expect)
			if errors.As(laterErr, new(*textproto.Error)) {
				continue
			}
			_ = c.raw.Close()
			break
		}
		return r.step, err
	}
	return "", nil
}
