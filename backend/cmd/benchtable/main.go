// Command benchtable turns the output of `go test -bench` (several -count
// runs, and lines in the same format from scripts/bench-desktop.sh) into
// Keydesk's performance table: the median of each figure, its target and
// whether it is met. scripts/bench.sh runs it for `make bench`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// row is one line of the table: a metric of a benchmark and its target.
type row struct {
	what      string
	benchmark string // name without the -N GOMAXPROCS suffix
	metric    string
	atMost    bool // the target is an upper bound (else a lower one)
	target    float64
	unit      string
	info      bool // context for the row above: no target of its own
}

// rows are issue 9's targets, in its order.
var rows = []row{
	{"Verify over HTTP, c=32: throughput ÷ bare net/http handler", "BenchmarkVerifyHTTP", "rps-ratio", false, 0.7, "×", false},
	{"Verify over HTTP, c=32: p99 ÷ bare handler's p99", "BenchmarkVerifyHTTP", "p99-ratio", true, 1.5, "×", false},
	{"  verify throughput", "BenchmarkVerifyHTTP", "verify-req/s", false, 0, "req/s", true},
	{"  bare handler throughput", "BenchmarkVerifyHTTP", "bare-req/s", false, 0, "req/s", true},
	{"  verify p99", "BenchmarkVerifyHTTP", "verify-p99-ms", true, 0, "ms", true},
	{"  bare handler p99", "BenchmarkVerifyHTTP", "bare-p99-ms", true, 0, "ms", true},
	{"In-process verify, cache hit", "BenchmarkVerifyCached", "ns/op", true, 1000, "ns/op", false},
	{"  allocations", "BenchmarkVerifyCached", "allocs/op", true, 0, "allocs/op", false},
	{"Create over HTTP on SQLite, sequential", "BenchmarkCreateHTTP", "keys/s", false, 1000, "keys/s", false},
	{"List a page of 50, sorted + filtered, of 100,000: p50", "BenchmarkList100k", "p50-ms", true, 5, "ms", false},
	{"Full sync of 100,000 keys into the desktop cache", "BenchmarkFullSync100k", "s", true, 5, "s", false},
	{"Incremental sync, no changes (100,000 cached)", "BenchmarkIncrementalSync100k", "ms", true, 20, "ms", false},
	{"Reminder scan over 100,000 cached keys", "BenchmarkReminderScan100k", "ms", true, 200, "ms", false},
	{"Desktop cold start to painted key table (10,000 keys) ÷ minimal Wails", "BenchmarkDesktopColdStart", "ratio", true, 1.5, "×", false},
	{"  Keydesk cold start", "BenchmarkDesktopColdStart", "ms-keydesk", true, 0, "ms", true},
	{"  minimal Wails window cold start", "BenchmarkDesktopColdStart", "ms-minimal", true, 0, "ms", true},
	{"Desktop idle memory, all processes ÷ minimal Wails", "BenchmarkDesktopMemory", "ratio", true, 1.3, "×", false},
	{"  Keydesk PSS", "BenchmarkDesktopMemory", "MB-keydesk", true, 0, "MB", true},
	{"  minimal Wails window PSS", "BenchmarkDesktopMemory", "MB-minimal", true, 0, "MB", true},
	{"UI: sort 10,000 keys, re-render", "BenchmarkUISort10k", "ms", true, 100, "ms", false},
	{"UI: filter 10,000 keys, re-render", "BenchmarkUIFilter10k", "ms", true, 100, "ms", false},
	{"Revocation: successful verifies after disable returned", "BenchmarkRevocation", "successes-after-disable", true, 0, "", false},
}

func main() {
	out := flag.String("o", "", "also write the table (Markdown) to this file")
	flag.Parse()
	samples, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	table := render(samples)
	fmt.Print(table)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(table), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "benchtable:", err)
			os.Exit(1)
		}
	}
}

// parse collects every value of every metric: samples[benchmark][metric].
func parse(r io.Reader) (map[string]map[string][]float64, error) {
	samples := map[string]map[string][]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if samples[name] == nil {
			samples[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			samples[name][f[i+1]] = append(samples[name][f[i+1]], v)
		}
	}
	return samples, sc.Err()
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func render(samples map[string]map[string][]float64) string {
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "Keydesk benchmarks — %s, %s/%s, %d CPUs (%s), %s\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), host)
	b.WriteString("| Measure | Median | Runs | Target | Met |\n|---|---:|---:|---:|:---:|\n")
	for _, r := range rows {
		values := samples[r.benchmark][r.metric]
		value, met := "not measured", "–"
		if len(values) > 0 {
			m := median(values)
			value = format(m) + " " + r.unit
			if !r.info {
				met = "no"
				if (r.atMost && m <= r.target) || (!r.atMost && m >= r.target) {
					met = "yes"
				}
			}
		}
		target := ""
		if !r.info {
			op := "≥"
			if r.atMost {
				op = "≤"
			}
			target = strings.TrimSpace(op + " " + format(r.target) + " " + r.unit)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", r.what, value, len(values), target, met)
	}
	return b.String()
}

func format(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// cpuModel names the processor, for the table's header.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
