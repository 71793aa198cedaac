package app

import "os"

// webEngineDefaults are JavaScriptCore options for the window's web view.
// JavaScriptCore reads JSC_<option> from the environment of the process that
// loads it, and WebKitGTK starts its web process with this process's
// environment, so setting them before the window opens reaches the page.
//
// useDFGJIT=false keeps the interpreter and the baseline JIT and leaves out
// the optimising tiers (DFG, FTL). Measured with 10,000 keys under Xvfb
// (2026-12-07, WebKitGTK 2.50): the web process holds 10–14 MB less when
// idle, and sorting the table takes as long (median 58.5 vs 55.5 ms over
// 52 sorts, under the 100 ms target). The optimising tiers pay off on
// long-running script, which this page is not: its work is short bursts
// after a click. Without any JIT it holds 25–28 MB less, but a sort takes
// 100–148 ms.
//
// The two thresholds let a function run ten times longer in the
// interpreter before the baseline JIT compiles it (500 and 100 by default),
// so code that runs a few hundred times at the start, most of React and
// Mantine, is not compiled for nothing; the sort comparators and row
// rendering still are within the first sort. Measured the same way
// (2026-12-07, 3 and 5 starts each): 3–7 MB less when idle, and sorts (median 38
// vs 39 ms over 60) and filter keystrokes (24.5 ms over 42) take as long.
// The README's Performance section has the whole measurement.
var webEngineDefaults = map[string]string{
	"JSC_useDFGJIT":                  "false",
	"JSC_thresholdForJITAfterWarmUp": "5000",
	"JSC_thresholdForJITSoon":        "1000",
}

// TuneWebEngine sets webEngineDefaults in the environment, each unless the
// user set it already (to try a page with the optimising JIT again, start
// Keydesk with JSC_useDFGJIT=true). Call it before the window opens.
func TuneWebEngine() {
	for name, value := range webEngineDefaults {
		if _, set := os.LookupEnv(name); !set {
			os.Setenv(name, value)
		}
	}
}
