package check

import (
	"bufio"
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"time"
)

// SMTPError is an SMTP_CHECK failure in keepalived's words, without the
// "SMTP_CHECK " it logs before them.
type SMTPError struct {
	Msg           string
	Local, Socket bool
	// Log is what keepalived logs when the socket cannot be set up.
	Log string
}

func (e *SMTPError) Error() string { return e.Msg }

// smtpBuffer is SMTP_BUFF_MAX: a line is read into a buffer this long.
const smtpBuffer = 512

// SMTP is SMTP_CHECK's test: the banner must be 220, the answer to
// "HELO helo" 250, then QUIT is sent and a line read back
// (smtp_engine_thread()). rs is the real server, named in the message
// when it cannot be reached.
func SMTP(ctx context.Context, c Conn, helo string, rs netip.AddrPort) error {
	host := pair(c.Dst)
	conn, err := DialTCP(ctx, c)
	if err != nil {
		class, immediate, sock := ClassOf(err)
		switch {
		case immediate && class == Fail:
			return &SMTPError{Msg: fmt.Sprintf("Network unreachable for server %s - real server %s", c.Dst.Addr().Unmap(), pair(rs))}
		case immediate:
			return &SMTPError{Msg: err.Error(), Local: true, Socket: sock, Log: LogOf(err)}
		case class == Timeout:
			return &SMTPError{Msg: "Connection timeout to server " + host}
		case class == Fail:
			return &SMTPError{Msg: "Could not connect to server " + host}
		}
		return &SMTPError{Msg: "Error connecting to server " + host}
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	rd := bufio.NewReaderSize(conn, smtpBuffer)
	line := func() (string, error) {
		_ = conn.SetReadDeadline(time.Now().Add(c.Timeout))
		s, err := rd.ReadSlice('\n')
		if err != nil {
			if isTimeout(err) {
				return "", &SMTPError{Msg: "Read timeout from server " + host}
			}
			if err != bufio.ErrBufferFull {
				return "", &SMTPError{Msg: "Read failure from server " + host}
			}
		}
		return string(s), nil
	}
	put := func(s string) error {
		_ = conn.SetWriteDeadline(time.Now().Add(c.Timeout))
		if _, err := conn.Write([]byte(s)); err != nil {
			if isTimeout(err) {
				return &SMTPError{Msg: "Write timeout to server " + host}
			}
			return &SMTPError{Msg: "Write failure to server " + host}
		}
		return nil
	}
	l, err := line()
	if err != nil {
		return err
	}
	if smtpStatus(l) != 220 {
		return &SMTPError{Msg: "Bad greeting banner from server " + host}
	}
	if err := put("HELO " + helo + "\r\n"); err != nil {
		return err
	}
	if l, err = line(); err != nil {
		return err
	}
	if smtpStatus(l) != 250 {
		return &SMTPError{Msg: "Bad HELO response from server " + host}
	}
	if err := put("QUIT\r\n"); err != nil {
		return err
	}
	_, err = line()
	return err
}

// smtpStatus is smtp_get_status(): three digits, then the end of the line
// (its newline removed) or a space.
func smtpStatus(l string) int {
	if len(l) > 0 && l[len(l)-1] == '\n' {
		l = l[:len(l)-1]
	}
	if len(l) < 3 {
		return -1
	}
	n, err := strconv.Atoi(l[:3])
	if err != nil || l[0] == '+' || l[0] == '-' || (len(l) > 3 && l[3] != ' ') {
		return -1
	}
	return n
}

// pair is inet_sockaddrtopair(): "[addr]:port".
func pair(a netip.AddrPort) string {
	return "[" + a.Addr().Unmap().String() + "]:" + strconv.Itoa(int(a.Port()))
}
