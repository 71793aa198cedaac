package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/keytest"
)

func newTestCmd(stdio IO) *cobra.Command {
	var o keyOpts
	var target, header string
	var bearer, asJSON bool
	cmd := &cobra.Command{
		Use:   "test [--url URL] [--header NAME | --bearer]",
		Short: "Call an endpoint with the key and show the answer, the time and the cURL command",
		Long: `Call an endpoint with the key, the way the desktop's key test does, and print the
HTTP status, the time in ms, the first 800 characters of the body and the cURL
command (the key masked). Without --url it lists keys for admin and member keys
and calls whoami for api keys. --url may use {server}, {workspace} and {keyId}.
The key goes in "Authorization: Bearer" (--bearer, the default) or in the
header --header NAME.

Exit codes: 0 a 2xx answer, 4 the endpoint answered 401 or 403, 1 any other
answer or a network error (DNS, refused, TLS, timeout), 2 a wrong --url.`,
		Example: `  keydesk test
  keydesk test --url '{server}/v1/whoami' --header X-API-Key
  keydesk test --url https://api.example.com/v1/ping --api-key-file key.txt --json`,
		Args: argsOrHint(0, "give the endpoint with --url URL"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if bearer && header != "" {
				return usageError("give --header NAME or --bearer, not both")
			}
			if cmd.Flags().Changed("header") && strings.TrimSpace(header) == "" {
				return usageError("--header needs the name of the header that carries the key, e.g. X-API-Key")
			}
			if h := strings.TrimSpace(header); h != "" && !headerName.MatchString(h) {
				return usageError("--header must be a header name (letters, digits and !#$%%&'*+-.^_`|~, no spaces), got %q", h)
			}
			usesServer := target == "" || strings.Contains(target, "{")
			s, err := o.resolve(cmd, stdio, usesServer)
			if err != nil {
				return err
			}
			req := keytest.Request{Server: s.url, Secret: s.Key}
			auth := func(t keytest.Target) keytest.Target {
				if header != "" {
					t.Auth, t.Name = keytest.AuthHeader, strings.TrimSpace(header)
				}
				return t
			}
			// The server's address is checked as every command checks it
			// (https://h/v1 is refused with what to give), before a test
			// would blame --url for it.
			if s.url != "" {
				if _, err := s.client(); err != nil {
					return err
				}
			}
			var res keytest.Result
			if target == "" {
				// whoami first: for an api key it is the test, and for
				// admin and member keys it says which workspace to list.
				// A server that does not answer is then asked once, not
				// again for the list.
				req.Target = auth(keytest.DefaultTarget(""))
				res = keytest.Run(cmd.Context(), req)
				var who api.WhoAmI
				if res.OK() && json.Unmarshal([]byte(res.Body), &who) == nil && who.Role != "" && who.Role != string(keys.RoleAPI) {
					req.Workspace, req.KeyID = who.WorkspaceID, who.KeyID
					req.Target = auth(keytest.DefaultTarget(who.Role))
					res = keytest.Run(cmd.Context(), req)
				}
			} else {
				if s.url != "" && (strings.Contains(target, "{workspace}") || strings.Contains(target, "{keyId}")) {
					c, _ := s.client() // checked above
					// Within the test's own time limit.
					ctx, cancel := context.WithTimeout(cmd.Context(), keytest.DefaultTimeout)
					who, err := c.WhoAmI(ctx)
					cancel()
					if err != nil {
						return fmt.Errorf("cannot fill {workspace} and {keyId} in --url: %w", apiError(err))
					}
					req.Workspace, req.KeyID = who.WorkspaceID, who.KeyID
				}
				req.Target = auth(keytest.Target{Method: http.MethodGet, URL: target, Auth: keytest.AuthBearer})
				res = keytest.Run(cmd.Context(), req)
			}
			// The endpoint might echo the key back: never print it.
			mask := strings.NewReplacer(s.Key, keys.Mask(s.Key))
			res.Body, res.Preview = mask.Replace(res.Body), mask.Replace(res.Preview)
			for k, v := range res.Headers {
				res.Headers[k] = mask.Replace(v)
			}

			if res.ErrorKind == keytest.KindInvalid {
				return usageError("--url: %s", res.Error)
			}
			if asJSON {
				if err := printJSON(stdio.Out, res); err != nil {
					return err
				}
			} else {
				printTest(stdio, res)
			}
			switch {
			case res.Status == http.StatusUnauthorized:
				return &exitError{code: ExitRejected, err: fmt.Errorf("%s answered %d %s: the key was rejected", res.URL, res.Status, res.StatusText)}
			case res.Status == http.StatusForbidden:
				// The key was recognised: it may not do this (its role, another workspace).
				return &exitError{code: ExitRejected, err: fmt.Errorf("%s answered %d %s: the key may not call this endpoint", res.URL, res.Status, res.StatusText)}
			case res.Error != "":
				return errors.New(res.Error)
			case !res.OK():
				return fmt.Errorf("%s answered %d %s", res.URL, res.Status, res.StatusText)
			}
			return nil
		},
	}
	o.register(cmd)
	f := cmd.Flags()
	f.StringVar(&target, "url", "", "the endpoint to call (GET); may use {server}, {workspace}, {keyId}")
	f.StringVar(&header, "header", "", "send the key in this header instead of Authorization: Bearer")
	f.BoolVar(&bearer, "bearer", false, "send the key as Authorization: Bearer (the default)")
	f.BoolVar(&asJSON, "json", false, "print the whole result: status, durationMs, headers, body, preview, curl, error")
	return cmd
}

func printTest(stdio IO, res keytest.Result) {
	w := stdio.Out
	fmt.Fprintf(w, "%s %s\n", res.Method, res.URL)
	if res.Status != 0 {
		fmt.Fprintf(w, "HTTP %d %s in %d ms", res.Status, res.StatusText, res.DurationMs)
		if res.ContentType != "" {
			fmt.Fprintf(w, " (%s)", res.ContentType)
		}
		fmt.Fprintln(w)
	}
	if res.Error != "" {
		fmt.Fprintf(w, "Error: %s (after %d ms)\n", res.Error, res.DurationMs)
	}
	if res.Preview != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(res.Preview, "\n"))
		if len([]rune(res.Preview)) >= keytest.PreviewChars || res.BodyTruncated {
			fmt.Fprintf(w, "… (%d bytes in all; --json shows the whole body)\n", res.BodyBytes)
		}
	}
	if res.Curl != "" {
		fmt.Fprintf(w, "\n%s\n", res.Curl)
	}
}

// headerName is an HTTP header name (RFC 9110 token).
var headerName = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
