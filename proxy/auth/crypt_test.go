package auth

import "testing"

// The hashes were made with openssl passwd -1/-5/-6 and Python's crypt
// (glibc) on Debian 12.
func TestVerify(t *testing.T) {
	cases := []string{
		"$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1",
		"$5$saltsalt$0IyaXrmV7.sGNS6tirgqHLqX/G.FBvgkYA.lpPdS5sA",
		"$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1",
		"$6$rounds=10000$saltsalt$WowrPBpEDVlCoruBosYlrZycTCx3//TyDHYqEhX9DUHHt0XTztUqzQDDUuvUGRA8aUe9p55hcAxeGcu58sm3u.",
	}
	for _, h := range cases {
		if m, ok := Verify([]byte("secret"), h); !ok || !m {
			t.Errorf("%s: match %v ok %v", h, m, ok)
		}
		if m, _ := Verify([]byte("Secret"), h); m {
			t.Errorf("%s: wrong password matches", h)
		}
	}
	if _, ok := Verify([]byte("x"), "abJnggxhB/yWI"); ok {
		t.Error("DES is not computed here")
	}
}
