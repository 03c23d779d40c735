package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/compose"
)

// runDKIMRecord prints the DNS TXT record to publish for each configured
// DKIM key, as zone-file lines. It reads the config and the keys only.
func runDKIMRecord(_ context.Context, env Env, args []string) error {
	fs := newFlagSet("dkim-record", env)
	var c common
	c.register(fs)
	if err := parse(fs, args, false); err != nil {
		return err
	}
	cfg, err := config.Load(c.configPath)
	if err != nil {
		return err
	}
	keys, err := app.DKIMKeys(cfg)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return errors.New("no DKIM key configured: set mail.dkim.selector and mail.dkim.key_file")
	}
	for _, k := range keys {
		name, value, err := compose.DNSRecord(k.Domain, k.Selector, k.Signer.Public())
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, compose.ZoneLine(name, value))
	}
	return nil
}
