package transport

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// scriptServer is a small SMTP server for what go-smtp's server will not
// do: leave PIPELINING out of its EHLO reply, or say 354 to DATA after
// refusing the only recipient. With pipelining it holds its replies until
// DATA has arrived, as RFC 2920 lets a server do, so a client that waits
// for each reply before the next command stalls and times out.
type scriptServer struct {
	addr       string
	pipelining bool
	// first replaces the replies to the first transaction's commands,
	// by verb (MAIL, RCPT, DATA).
	first map[string]string

	mu           sync.Mutex
	transactions int
	conns        int
	stored       []string // the messages received after a 354
	cutShort     []string // what arrived after a 354 from a client that hung up before the final dot
}

func newScriptServer(t *testing.T, pipelining bool, first map[string]string) *scriptServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &scriptServer{addr: ln.Addr().String(), pipelining: pipelining, first: first}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
			wg.Go(func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(10 * time.Second))
				s.serve(bufio.NewReader(c), c)
			})
		}
	})
	return s
}

func (s *scriptServer) serve(r *bufio.Reader, w net.Conn) {
	write := func(lines ...string) bool {
		_, err := w.Write([]byte(strings.Join(lines, "\r\n") + "\r\n"))
		return err == nil
	}
	readLine := func() (string, bool) {
		line, err := r.ReadString('\n')
		return strings.TrimRight(line, "\r\n"), err == nil
	}
	// receive reads a message after 354 and stores it; a client that
	// hangs up before the final dot leaves nothing stored.
	receive := func() bool {
		var msg strings.Builder
		for {
			line, ok := readLine()
			if !ok {
				s.mu.Lock()
				s.cutShort = append(s.cutShort, msg.String())
				s.mu.Unlock()
				return false
			}
			if line == "." {
				break
			}
			msg.WriteString(line + "\n")
		}
		s.mu.Lock()
		s.stored = append(s.stored, msg.String())
		s.mu.Unlock()
		return write("250 2.0.0 stored")
	}
	if !write("220 script ESMTP") {
		return
	}
	var tx *scriptTx
	for {
		line, ok := readLine()
		if !ok {
			return
		}
		switch verb := verbOf(line); verb {
		case "EHLO":
			caps := []string{"250-script", "250-8BITMIME", "250 ENHANCEDSTATUSCODES"}
			if s.pipelining {
				caps = []string{"250-script", "250-PIPELINING", "250-8BITMIME", "250 ENHANCEDSTATUSCODES"}
			}
			write(caps...)
		case "MAIL":
			s.mu.Lock()
			s.transactions++
			tx = &scriptTx{n: s.transactions, first: s.first}
			s.mu.Unlock()
			replies := []string{tx.answer(verb)}
			if s.pipelining {
				for range 2 { // RCPT and DATA arrive before any reply goes out
					next, ok := readLine()
					if !ok {
						return
					}
					replies = append(replies, tx.answer(verbOf(next)))
				}
			}
			if !write(replies...) || tx.closing {
				return
			}
			if tx.dataAccepted && !receive() {
				return
			}
		case "RCPT", "DATA":
			if tx == nil {
				write("503 5.5.1 sender first")
				continue
			}
			if !write(tx.answer(verb)) || tx.closing {
				return
			}
			if tx.dataAccepted && !receive() {
				return
			}
		case "RSET", "NOOP":
			tx = nil
			write("250 2.0.0 ok")
		case "QUIT":
			write("221 2.0.0 bye")
			return
		default:
			write("500 5.5.1 unknown command")
		}
	}
}

func verbOf(line string) string {
	verb, _, _ := strings.Cut(line, " ")
	return strings.ToUpper(verb)
}

// scriptTx answers one transaction's commands: the script's reply for
// the first transaction if it has one, else what a server would say
// given the replies before.
type scriptTx struct {
	n                     int
	first                 map[string]string
	mailOK, rcptOK        bool
	dataAccepted, closing bool
}

func (tx *scriptTx) answer(verb string) string {
	reply, scripted := tx.first[verb]
	if !scripted || tx.n != 1 {
		switch {
		case verb == "MAIL":
			reply = "250 2.1.0 sender ok"
		case verb == "RCPT" && tx.mailOK:
			reply = "250 2.1.5 recipient ok"
		case verb == "DATA" && tx.rcptOK:
			reply = "354 go ahead"
		default:
			reply = "503 5.5.1 bad sequence of commands"
		}
	}
	ok := strings.HasPrefix(reply, "2")
	switch verb {
	case "MAIL":
		tx.mailOK = ok
	case "RCPT":
		tx.rcptOK = ok
	case "DATA":
		tx.dataAccepted = strings.HasPrefix(reply, "354")
	}
	tx.closing = tx.closing || strings.HasPrefix(reply, "421")
	return reply
}

func (s *scriptServer) counts() (conns int, stored, cutShort []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns, append([]string(nil), s.stored...), append([]string(nil), s.cutShort...)
}

func TestEnvelopeWithAndWithoutPipelining(t *testing.T) {
	tests := []struct {
		name          string
		first         map[string]string
		pipelinedOnly bool
		wantCode      int // 0: the first message is delivered
		wantStep      string
		wantTemporary bool
		wantBounced   bool
		wantConns     int // after the second message
	}{
		{name: "accepted", wantConns: 1},
		{name: "sender refused", first: map[string]string{"MAIL": "451 4.3.0 try later"},
			wantCode: 451, wantStep: stepMail, wantTemporary: true, wantConns: 1},
		{name: "recipient refused", first: map[string]string{"RCPT": "550 5.1.1 no such user"},
			wantCode: 550, wantStep: stepRcpt, wantBounced: true, wantConns: 1},
		{name: "data refused", first: map[string]string{"DATA": "554 5.3.4 too big"},
			wantCode: 554, wantStep: stepData, wantConns: 1},
		{name: "closing", first: map[string]string{"MAIL": "421 4.3.2 shutting down"},
			wantCode: 421, wantStep: stepMail, wantTemporary: true, wantConns: 2},
		// The server refuses the recipient yet waits for a message: the
		// connection is cut, nothing is sent, the refusal is reported.
		{name: "354 after a refused recipient", first: map[string]string{"RCPT": "550 5.1.1 no such user", "DATA": "354 go ahead"},
			pipelinedOnly: true, wantCode: 550, wantStep: stepRcpt, wantBounced: true, wantConns: 2},
	}
	for _, pipelining := range []bool{false, true} {
		for _, tt := range tests {
			if tt.pipelinedOnly && !pipelining {
				continue
			}
			name := tt.name + "/one command at a time"
			if pipelining {
				name = tt.name + "/pipelined"
			}
			t.Run(name, func(t *testing.T) {
				srv := newScriptServer(t, pipelining, tt.first)
				cfg := settings(srv.addr)
				cfg.DialTimeout, cfg.CommandTimeout = 5*time.Second, 2*time.Second
				tr, err := NewSMTP(cfg, nil)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { tr.Close() })
				ctx := testContext(t)
				err = tr.Send(ctx, message(1))
				if tt.wantCode == 0 {
					if err != nil {
						t.Fatalf("Send: %v", err)
					}
				} else {
					sendErr := asSendError(t, err)
					if sendErr.Code != tt.wantCode || sendErr.Temporary != tt.wantTemporary || sendErr.Bounced() != tt.wantBounced ||
						!strings.Contains(sendErr.Error(), tt.wantStep) {
						t.Errorf("got %v (code %d, temporary %v, bounced %v); want code %d at %s, temporary %v, bounced %v",
							sendErr, sendErr.Code, sendErr.Temporary, sendErr.Bounced(), tt.wantCode, tt.wantStep, tt.wantTemporary, tt.wantBounced)
					}
				}
				if err := tr.Send(ctx, message(2)); err != nil {
					t.Fatalf("second Send: %v", err)
				}
				conns, stored, cutShort := srv.counts()
				for _, m := range cutShort {
					if m != "" {
						t.Errorf("after a 354 the client sent %q and no final dot; it must send nothing", m)
					}
				}
				wantStored := 2
				if tt.wantCode != 0 {
					wantStored = 1
				}
				if len(stored) != wantStored {
					t.Fatalf("server stored %d messages, want %d", len(stored), wantStored)
				}
				if last := stored[len(stored)-1]; !strings.Contains(last, "To: "+message(2).To) {
					t.Errorf("last stored message is not the second one:\n%s", last)
				}
				if conns != tt.wantConns {
					t.Errorf("%d connections, want %d", conns, tt.wantConns)
				}
			})
		}
	}
}
