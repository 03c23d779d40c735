// Command digest builds a themed newsletter from articles and mails it.
package main

import (
	"os"

	"github.com/digest-newsletter/digest/digest/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv}))
}
