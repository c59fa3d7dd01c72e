package check

import "context"

// TCP is TCP_CHECK's test: a connection is made and closed at once. The
// error, if any, is a *DialError.
func TCP(ctx context.Context, c Conn) error {
	conn, err := DialTCP(ctx, c)
	if err != nil {
		return err
	}
	return conn.Close()
}
