package app

import (
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keytest"
)

// KeyTestAPI is the one-click key test.
type KeyTestAPI struct {
	app *App
}

// Run tests a key: keyID with its remembered (or the given) secret, or with
// keyID "" any pasted secret.
func (k *KeyTestAPI) Run(workspaceID, keyID, secret string) (TestResult, error) {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return TestResult{}, err
	}
	defer cancel()
	res, err := d.TestKey(ctx, desk.KeyTest{WorkspaceID: workspaceID, KeyID: keyID, Secret: secret})
	if err != nil {
		return TestResult{}, wrap(err)
	}
	return testResultView(res), nil
}

// Curl renders the test's cURL command; with reveal, the secret is in it.
func (k *KeyTestAPI) Curl(workspaceID, keyID, secret string, reveal bool) (string, error) {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return "", err
	}
	defer cancel()
	curl, err := d.TestCurl(ctx, desk.KeyTest{WorkspaceID: workspaceID, KeyID: keyID, Secret: secret}, reveal)
	return curl, wrap(err)
}

// History returns a key's last 20 test results, newest first.
func (k *KeyTestAPI) History(workspaceID, keyID string) ([]TestResult, error) {
	d, ctx, cancel, err := k.app.call()
	if err != nil {
		return nil, err
	}
	defer cancel()
	list, err := d.TestHistory(ctx, workspaceID, keyID)
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]TestResult, len(list))
	for i, r := range list {
		out[i] = testResultView(r)
	}
	return out, nil
}

func testResultView(r keytest.Result) TestResult {
	return TestResult{
		At: formatTime(r.At), Method: r.Method, URL: r.URL, Status: r.Status, StatusText: r.StatusText,
		DurationMs: r.DurationMs, Headers: r.Headers, ContentType: r.ContentType, Body: r.Body, BodyBytes: r.BodyBytes,
		BodyTruncated: r.BodyTruncated, IsJSON: r.IsJSON, Preview: r.Preview, Curl: r.Curl, Error: r.Error, ErrorKind: r.ErrorKind,
		Location: r.Location,
	}
}
