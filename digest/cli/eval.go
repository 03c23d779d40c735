package cli

import (
	"context"
	"fmt"
	"path/filepath"
)

// evalVerbs are the evaluations "digest eval -h" lists.
var evalVerbs = []verb{
	{"summaries", "score single-document summaries"},
	{"sections", "score section placement"},
	{"extraction", "score article extraction from web pages"},
	{"multi", "score multi-document summaries"},
	{"cleaning", "score the cleaning of article text"},
	{"blurbs", "score the blurbs written for items"},
}

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
	if isHelp(args[0]) {
		verbUsage(env.Stdout, "eval", evalVerbs)
		return nil
	}
	run, ok := modes[args[0]]
	if !ok {
		return unknownName("evaluation", args[0], verbNames(evalVerbs))
	}
	return run(ctx, env, args[1:])
}

// sharedEval is where a public data set sits by default: in shared/eval
// beside the project, read from there and never copied into it.
func sharedEval(name string) string { return filepath.Join("..", "shared", "eval", name) }
