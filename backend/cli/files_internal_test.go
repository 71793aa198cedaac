package cli

import "testing"

func TestSetDotenv(t *testing.T) {
	for _, c := range []struct{ name, old, value, want string }{
		{"empty file", "", "kd_abc", "K=kd_abc\n"},
		{"appends after the last line", "A=1\nB=2\n", "v", "A=1\nB=2\nK=v\n"},
		{"adds the missing final newline", "A=1", "v", "A=1\nK=v\n"},
		{"replaces in place", "A=1\nK=old\nB=2\n", "v", "A=1\nK=v\nB=2\n"},
		{"keeps export and indentation", "  export K = old\n", "v", "  export K=v\n"},
		{"replaces every assignment", "K=1\nA=1\nK=2\n", "v", "K=v\nA=1\nK=v\n"},
		{"leaves look-alikes alone", "KEY=1\nXK=2\n# K=3\n", "v", "KEY=1\nXK=2\n# K=3\nK=v\n"},
		{"keeps CRLF line ends", "A=1\r\nK=old\r\n", "v", "A=1\r\nK=v\r\n"},
		{"appends with CRLF", "A=1\r\n", "v", "A=1\r\nK=v\r\n"},
		{"quotes what needs it", "", `a b"$c` + "`\\\n", `K="a b\"\$c\` + "`" + `\\\n"` + "\n"},
	} {
		if got := string(setDotenv([]byte(c.old), "K", c.value)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestParseWindowAndOverlap(t *testing.T) {
	for in, hours := range map[string]int{"7d": 168, "36h": 36, "1d12h": 36, "0d": 0, "0h": 0} {
		if d, err := parseWindow(in); err != nil || int(d.Hours()) != hours {
			t.Errorf("parseWindow(%q) = %v, %v; want %dh", in, d, err, hours)
		}
	}
	for _, in := range []string{"", "7", "1w", "h", "1h1d", "7D", "99999d"} {
		if _, err := parseWindow(in); err == nil {
			t.Errorf("parseWindow(%q) accepted", in)
		}
	}
	for in, days := range map[string]int{"0d": 0, "7d": 7, "30d": 30} {
		if n, err := parseOverlap(in); err != nil || n != days {
			t.Errorf("parseOverlap(%q) = %d, %v", in, n, err)
		}
	}
	for _, in := range []string{"31d", "7", "24h", "1d12h", "-1d", ""} {
		if _, err := parseOverlap(in); err == nil {
			t.Errorf("parseOverlap(%q) accepted", in)
		}
	}
}
