package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/netfail"
	"github.com/keydesk/keydesk/backend/secrets"
)

// Error is what a failed call looks like to the frontend: a stable code, a
// sentence for the user and, for bad input, the field it is about.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *Error) Error() string { return e.Message }

// Error codes; the frontend's locale file maps them to words.
const (
	CodeInvalidInput = "invalid_input"
	CodeUnauthorized = "unauthorized"
	CodeForbidden    = "forbidden"
	CodeNotFound     = "not_found"
	CodeConflict     = "conflict"
	CodeOffline      = "offline"
	CodeTimeout      = "timeout"
	CodeInternal     = "internal"
	CodeNotStarted   = "not_started"  // still starting: the frontend asks again
	CodeStartFailed  = "start_failed" // could not start: every call says why
	CodeNeedSecret   = "need_secret"
	// The workspace's access key is in the locked encrypted file, or gone.
	CodeKeychainLocked   = "keychain_locked"
	CodeAccessKeyMissing = "access_key_missing"
)

// FormatError is Wails' ErrorFormatter: the one place where errors become
// {code, message, field}, as JSON text. Wails' runtime (v2.16, calls.js)
// rejects a call with `new Error(error)`: an object would reach the page as
// "[object Object]", a string as the Error's message, which the frontend
// parses (frontend/src/api/errors.ts).
func FormatError(err error) any {
	b, jerr := json.Marshal(toError(err))
	if jerr != nil {
		return err.Error()
	}
	return string(b)
}

func toError(err error) *Error {
	var ae *Error
	var ce *client.Error
	var fe *keys.FieldError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &fe):
		return &Error{Code: CodeInvalidInput, Message: fieldMessage(fe), Field: fe.Field}
	case errors.Is(err, desk.ErrOffline), errors.Is(err, client.ErrUnreachable):
		return &Error{Code: CodeOffline, Message: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		// Only the answer is known to be lost: the server may have done it.
		return &Error{Code: CodeTimeout, Message: noAnswer(err) + ". It may still have done what you asked: look at the list before you try again."}
	case errors.Is(err, desk.ErrOwnAccessKey):
		return &Error{Code: CodeConflict, Message: "This is the key Keydesk itself uses to reach this workspace. Changing it would lock the app out."}
	case errors.Is(err, desk.ErrLocalWorkspace):
		return &Error{Code: CodeConflict, Message: "The Local workspace belongs to this computer and cannot be edited or removed."}
	case errors.Is(err, desk.ErrNoSecretYet):
		return &Error{Code: CodeNeedSecret, Message: "This key's secret may be in the encrypted file, which is locked. Unlock it with its passphrase (Settings), or paste the secret to test the key.", Field: "secret"}
	case errors.Is(err, desk.ErrKeychainLocked):
		return &Error{Code: CodeKeychainLocked, Message: "This workspace's access key is in the encrypted file, which is locked. Unlock it with its passphrase (Settings), then try again."}
	case errors.Is(err, secrets.ErrNotFound):
		// Only a workspace's access key reaches here (a key's own secret is ErrNoSecret).
		return &Error{Code: CodeAccessKeyMissing, Message: "This workspace's access key is not in the keychain. Enter it again (Edit connection), then try again."}
	case errors.Is(err, desk.ErrNoSecret):
		return &Error{Code: CodeNeedSecret, Message: "This key's secret is not in the keychain. Paste it to test the key.", Field: "secret"}
	case errors.Is(err, desk.ErrAccessKeyRefused):
		return &Error{Code: CodeUnauthorized, Message: err.Error()}
	case errors.Is(err, desk.ErrUnknownKey):
		return &Error{Code: CodeNotFound, Message: "This key is no longer in the workspace. It may have been deleted elsewhere."}
	case errors.Is(err, desk.ErrUnknownWorkspace):
		return &Error{Code: CodeNotFound, Message: "This workspace no longer exists in Keydesk."}
	case errors.As(err, &ce):
		code := ce.Problem.Code
		if code == "" {
			code = CodeInternal
		}
		return &Error{Code: code, Message: labelled(ce.Problem.Field, ce.Error()), Field: ce.Problem.Field}
	}
	return &Error{Code: CodeInternal, Message: err.Error()}
}

// fieldLabels are the words the forms put above their fields
// (frontend/src/i18n/en.ts). A field error's message starts with them, not
// with the JSON name, as it is read under its field and on its own alike:
// "Server URL cannot be reached: …", "Name must be 1–100 characters". The
// server's problems name the JSON field the same way (the API's contract):
// the desktop says them with the label too.
var fieldLabels = map[string]string{
	"serverUrl":           "Server URL",
	"workspaceId":         "Workspace ID",
	"accessKey":           "Access key",
	"caFile":              "Trusted CA file",
	"passphrase":          "Passphrase",
	"secret":              "Secret",
	"query":               "The search",
	"syncIntervalMinutes": "Sync interval",
	"leadDays":            "Lead times",
	"quietHours":          "Quiet hours",
	"snooze":              "Snooze",
	"name":                "Name",
	"description":         "Description",
	"expiresInDays":       "Expires in",
	"profileId":           "Profile",
	"keyPrefix":           "Key prefix",
	"defaultExpiryDays":   "Default expiry",
	"rotationDays":        "Rotation",
	"reminderDays":        "Reminder lead times",
	"metadata":            "Metadata",
	"testEndpoint.url":    "Test URL",
	"testEndpoint.name":   "Header or parameter name",
	"testEndpoint.method": "Test method",
	"testEndpoint.auth":   "Send the key as",
}

func fieldMessage(fe *keys.FieldError) string {
	return labelled(fe.Field, fe.Error())
}

// labelled puts field's label in place of its JSON name at the start of a
// message about it.
func labelled(field, message string) string {
	label, ok := fieldLabels[field]
	if rest, found := strings.CutPrefix(message, field+" "); ok && found {
		return label + " " + rest
	}
	return message
}

// noAnswer says that a server did not answer, and for how long it was
// waited for when that is known.
func noAnswer(err error) string {
	var te *client.TimeoutError
	if errors.As(err, &te) {
		return fmt.Sprintf("The server at %s did not answer within %s", te.URL, netfail.Duration(te.After))
	}
	return "The server did not answer in time"
}

// wrap returns nil or the frontend form of err, so facades can end with
// `return v, wrap(err)`.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	return toError(err)
}
