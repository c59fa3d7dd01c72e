package h2

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// rawCodec carries messages as bytes, so that the test service needs
// no generated code.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(b []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), b...)
	return nil
}
func (rawCodec) Name() string   { return "raw" }
func (rawCodec) String() string { return "raw" }

// echoService is test.Echo: Unary answers "echo:" and the message,
// Fail answers NOT_FOUND in a trailers-only response, ServerStream
// answers three messages, Bidi echoes each message.
func grpcBackend(t testing.TB, j *journal) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.ForceServerCodec(rawCodec{}))
	desc := grpc.ServiceDesc{
		ServiceName: "test.Echo",
		HandlerType: (*any)(nil),
		Methods: []grpc.MethodDesc{
			{MethodName: "Unary", Handler: func(_ any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
				var in []byte
				if err := dec(&in); err != nil {
					return nil, err
				}
				md, _ := metadata.FromIncomingContext(ctx)
				j.add(fmt.Sprintf("grpc Unary %q te=%v ct=%v\n", in, md.Get("te"), md.Get("content-type")))
				grpc.SetTrailer(ctx, metadata.Pairs("x-trailer", "unary"))
				out := append([]byte("echo:"), in...)
				return &out, nil
			}},
			{MethodName: "Fail", Handler: func(_ any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
				var in []byte
				dec(&in)
				j.add("grpc Fail\n")
				return nil, status.Error(codes.NotFound, "no such thing")
			}},
		},
		Streams: []grpc.StreamDesc{
			{StreamName: "ServerStream", ServerStreams: true, Handler: func(_ any, s grpc.ServerStream) error {
				var in []byte
				if err := s.RecvMsg(&in); err != nil {
					return err
				}
				j.add(fmt.Sprintf("grpc ServerStream %q\n", in))
				for i := 0; i < 3; i++ {
					out := []byte(fmt.Sprintf("%s#%d", in, i))
					if err := s.SendMsg(&out); err != nil {
						return err
					}
				}
				return nil
			}},
			{StreamName: "Bidi", ServerStreams: true, ClientStreams: true, Handler: func(_ any, s grpc.ServerStream) error {
				n := 0
				for {
					var in []byte
					if err := s.RecvMsg(&in); err == io.EOF {
						j.add(fmt.Sprintf("grpc Bidi %d messages\n", n))
						return nil
					} else if err != nil {
						return err
					}
					n++
					out := append([]byte("re:"), in...)
					if err := s.SendMsg(&out); err != nil {
						return err
					}
				}
			}},
		},
	}
	srv.RegisterService(&desc, nil)
	go srv.Serve(ln)
	t.Cleanup(srv.Stop)
	return ln.Addr().String()
}

// grpcCalls runs unary, failing, server-streaming and bidirectional
// calls through addr and describes what the client saw.
func grpcCalls(t testing.TB, addr string) string {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{})))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var b strings.Builder
	in := []byte("hello")
	var out []byte
	var tr metadata.MD
	err = conn.Invoke(ctx, "/test.Echo/Unary", &in, &out, grpc.Trailer(&tr))
	fmt.Fprintf(&b, "unary: %q err=%v trailer=%v\n", out, err, tr.Get("x-trailer"))
	err = conn.Invoke(ctx, "/test.Echo/Fail", &in, &out)
	fmt.Fprintf(&b, "fail: code=%v msg=%q\n", status.Code(err), status.Convert(err).Message())

	s, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, "/test.Echo/ServerStream")
	if err == nil {
		s.SendMsg(&in)
		s.CloseSend()
		for {
			var m []byte
			if err := s.RecvMsg(&m); err != nil {
				fmt.Fprintf(&b, "server stream end: %v\n", status.Code(err))
				break
			}
			fmt.Fprintf(&b, "server stream: %q\n", m)
		}
	} else {
		fmt.Fprintf(&b, "server stream: %v\n", err)
	}

	bs, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}, "/test.Echo/Bidi")
	if err == nil {
		for i := 0; i < 5; i++ {
			m := []byte(fmt.Sprintf("m%d-%s", i, strings.Repeat("x", i*5000)))
			bs.SendMsg(&m)
			var r []byte
			if err := bs.RecvMsg(&r); err != nil {
				fmt.Fprintf(&b, "bidi recv: %v\n", status.Code(err))
				break
			}
			fmt.Fprintf(&b, "bidi: %d bytes %s\n", len(r), digest(r))
		}
		bs.CloseSend()
		var r []byte
		fmt.Fprintf(&b, "bidi end: %v\n", bs.RecvMsg(&r))
	} else {
		fmt.Fprintf(&b, "bidi: %v\n", err)
	}
	return b.String()
}
