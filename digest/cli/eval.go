package cli

import (
	"context"
	"fmt"
)

// runEval dispatches the evaluation commands, which score the engine on
// public data sets kept outside the project.
func runEval(ctx context.Context, env Env, args []string) error {
	modes := map[string]func(context.Context, Env, []string) error{
		"summaries":  runEvalSummaries,
		"sections":   runEvalSections,
		"extraction": runEvalExtraction,
		"multi":      runEvalMulti,
		"cleaning":   runEvalCleaning,
		"blurbs":     runEvalBlurbs,
	}
	if len(args) == 0 {
		return fmt.Errorf("%w: digest eval summaries|sections|extraction|multi|cleaning|blurbs [flags]", errUsage)
	}
	run, ok := modes[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown evaluation %q (summaries, sections, extraction, multi, cleaning or blurbs)", errUsage, args[0])
	}
	return run(ctx, env, args[1:])
}
