package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
)

// DefaultReminderDays are the lead times of expiry reminders.
var DefaultReminderDays = []int{30, 7, 1}

const maxMetadataBytes = 16 << 10

// Profiles lists a workspace's profiles with how many keys use each.
func (s *Server) Profiles(ctx context.Context, workspaceID string) ([]api.Profile, error) {
	var rows []Profile
	if err := s.store.read.WithContext(ctx).Where("workspace_id = ?", workspaceID).Order("LOWER(name), id").Find(&rows).Error; err != nil {
		return nil, err
	}
	var counts []struct {
		ProfileID string
		N         int64
	}
	// Every desktop sync asks for the profiles: without any, nothing to
	// count; with some, the count reads idx_keys_ws_profile, not the keys
	// (a range on profile_id: "<> ''" would read every key of the workspace).
	if len(rows) > 0 {
		err := s.store.read.WithContext(ctx).Model(&Key{}).Select("profile_id, COUNT(*) AS n").
			Where("workspace_id = ? AND profile_id > ''", workspaceID).Group("profile_id").Scan(&counts).Error
		if err != nil {
			return nil, err
		}
	}
	byID := map[string]int64{}
	for _, c := range counts {
		byID[c.ProfileID] = c.N
	}
	out := make([]api.Profile, len(rows))
	for i, p := range rows {
		out[i] = profileJSON(p, byID[p.ID])
	}
	return out, nil
}

// Profile returns one profile.
func (s *Server) Profile(ctx context.Context, workspaceID, id string) (api.Profile, error) {
	list, err := s.Profiles(ctx, workspaceID)
	if err != nil {
		return api.Profile{}, err
	}
	for _, p := range list {
		if p.ID == id {
			return p, nil
		}
	}
	return api.Profile{}, fmt.Errorf("profile %s: %w", id, ErrNotFound)
}

// SaveProfile creates (id == "") or changes a profile.
func (s *Server) SaveProfile(ctx context.Context, workspaceID, id string, req api.ProfileRequest, actor Actor) (api.Profile, error) {
	creating := id == ""
	if creating {
		if req.Name == nil {
			return api.Profile{}, badRequest("name", "name is required")
		}
		var err error
		if id, err = keys.NewID("prf", s.rand); err != nil {
			return api.Profile{}, err
		}
	}
	err := s.store.Update(ctx, workspaceID, s.clock(), actor, func(w *WorkspaceTx) error {
		p := Profile{ID: id, ReminderDays: mustJSON(DefaultReminderDays), Metadata: "{}"}
		if !creating {
			var err error
			if p, err = w.Profile(id); err != nil {
				return err
			}
		}
		before := profileJSON(p, 0)
		if err := applyProfile(&p, req, w.Workspace().expiryPolicy()); err != nil {
			return err
		}
		// A key's profile is picked by name: two of one name could not be told apart.
		if taken, err := w.ProfileNameTaken(p.Name, p.ID); err != nil {
			return err
		} else if taken {
			return badRequest("name", "name must not be that of another profile in this workspace: "+keys.Quote(p.Name)+" is taken")
		}
		if err := w.SaveProfile(&p); err != nil {
			return err
		}
		action := ActionProfileUpdated
		if creating {
			action = ActionProfileCreated
		}
		return w.Audit(action, "", p.ID, p.Name, map[string]any{"before": before, "after": profileJSON(p, 0)})
	})
	if err != nil {
		return api.Profile{}, err
	}
	return s.Profile(ctx, workspaceID, id)
}

// DeleteProfile deletes a profile. Keys that use it must be dealt with:
// onKeys "detach" leaves them without a profile, "delete" deletes them;
// "" refuses when any key uses the profile. expectKeys, when not negative,
// is how many keys the caller was shown: any other number is a conflict,
// so that no key is deleted that nobody saw counted.
func (s *Server) DeleteProfile(ctx context.Context, workspaceID, id, onKeys string, expectKeys int, actor Actor) error {
	if onKeys != "" && onKeys != "detach" && onKeys != "delete" {
		return badRequest("keys", fmt.Sprintf("keys must be detach or delete, got %q", onKeys))
	}
	return s.store.Update(ctx, workspaceID, s.clock(), actor, func(w *WorkspaceTx) error {
		p, err := w.Profile(id)
		if err != nil {
			return err
		}
		using, err := w.Keys("profile_id = ?", id)
		if err != nil {
			return err
		}
		if expectKeys >= 0 && len(using) != expectKeys {
			uses := "keys use"
			if len(using) == 1 {
				uses = "key uses"
			}
			return conflict(fmt.Sprintf("%d %s this profile now, not %d: look at them again before deleting it", len(using), uses, expectKeys))
		}
		if len(using) > 0 && onKeys == "" {
			return conflict(fmt.Sprintf("%d keys use this profile: delete it with keys=detach to keep them without a profile, or keys=delete to delete them too", len(using)))
		}
		for _, k := range using {
			if onKeys == "delete" {
				if err := w.DeleteKey(k.ID); err != nil {
					return err
				}
				if err := w.Audit(ActionKeyDeleted, k.ID, "", k.Name, map[string]any{"name": k.Name, "maskedKey": k.MaskedKey, "reason": "profile deleted"}); err != nil {
					return err
				}
				continue
			}
			k.ProfileID = ""
			if err := w.SaveKey(&k); err != nil {
				return err
			}
			// The key's own history says it lost its profile.
			if err := w.Audit(ActionKeyUpdated, k.ID, "", k.Name, map[string]any{"profileId": change{id, ""}, "profileName": change{p.Name, ""}, "reason": "profile deleted"}); err != nil {
				return err
			}
		}
		if err := w.DeleteProfile(id); err != nil {
			return err
		}
		return w.Audit(ActionProfileDeleted, "", id, p.Name, map[string]any{"name": p.Name, "keys": onKeys, "affectedKeys": len(using)})
	})
}

func applyProfile(p *Profile, req api.ProfileRequest, policy keys.ExpiryPolicy) error {
	if req.Name != nil {
		name, err := keys.ValidateName(*req.Name)
		if err != nil {
			return err
		}
		p.Name = name
	}
	if req.Description != nil {
		if n := len([]rune(*req.Description)); n > 1000 {
			return badRequest("description", fmt.Sprintf("description must be at most 1000 characters, got %d", n))
		}
		p.Description = strings.TrimSpace(*req.Description)
	}
	if req.DefaultExpiryDays.Set {
		if d := req.DefaultExpiryDays.Value; d != nil && (*d < 1 || *d > policy.Max()) {
			return badRequest("defaultExpiryDays", fmt.Sprintf("defaultExpiryDays must be 1–%d days; got %d", policy.Max(), *d))
		}
		p.DefaultExpiryDays = req.DefaultExpiryDays.Value
	}
	if req.KeyPrefix != nil {
		if *req.KeyPrefix != "" && keys.ValidatePrefix(*req.KeyPrefix) != nil {
			return badRequest("keyPrefix", "keyPrefix must be a lowercase letter followed by 1–11 lowercase letters or digits, got "+keys.Quote(*req.KeyPrefix))
		}
		p.KeyPrefix = *req.KeyPrefix
	}
	if req.RotationDays.Set {
		if d := req.RotationDays.Value; d != nil && (*d < 1 || *d > 3650) {
			return badRequest("rotationDays", fmt.Sprintf("rotationDays must be 1–3650 days; got %d", *d))
		}
		p.RotationDays = req.RotationDays.Value
	}
	if req.ReminderDays != nil {
		days := slices.Clone(*req.ReminderDays)
		if len(days) > 10 {
			return badRequest("reminderDays", fmt.Sprintf("reminderDays may hold at most 10 lead times, got %d", len(days)))
		}
		for _, d := range days {
			if d < 1 || d > 366 { // 0 would add nothing to the key's "expired" reminder
				return badRequest("reminderDays", fmt.Sprintf("reminderDays must be days from 1 to 366, got %d", d))
			}
		}
		slices.Sort(days)
		slices.Reverse(days)
		p.ReminderDays = mustJSON(slices.Compact(days))
	}
	if req.TestEndpoint.Set {
		p.TestEndpoint = ""
		if te := req.TestEndpoint.Value; te != nil {
			if err := validateTestEndpoint(te); err != nil {
				return err
			}
			p.TestEndpoint = mustJSON(te)
		}
	}
	if req.Metadata.Set {
		p.Metadata = "{}"
		if m := req.Metadata.Value; m != nil {
			compact := new(bytes.Buffer)
			if err := json.Compact(compact, *m); err != nil || !bytes.HasPrefix(compact.Bytes(), []byte("{")) {
				return badRequest("metadata", "metadata must be a JSON object")
			}
			if compact.Len() > maxMetadataBytes {
				return badRequest("metadata", fmt.Sprintf("metadata must be at most %d bytes of JSON, got %d", maxMetadataBytes, compact.Len()))
			}
			p.Metadata = compact.String()
		}
	}
	return nil
}

func validateTestEndpoint(te *api.TestEndpoint) error {
	te.Method = strings.ToUpper(strings.TrimSpace(te.Method))
	if te.Method == "" {
		te.Method = "GET"
	}
	if !slices.Contains([]string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}, te.Method) {
		return badRequest("testEndpoint.method", "testEndpoint.method must be GET, POST, PUT, PATCH, DELETE or HEAD, got "+keys.Quote(te.Method))
	}
	// The column holds 4000 characters of JSON: past it PostgreSQL fails.
	if n := len([]rune(te.URL)); n > 2000 {
		return badRequest("testEndpoint.url", fmt.Sprintf("testEndpoint.url must be at most 2000 characters, got %d", n))
	}
	if n := len(te.Name); n > 100 {
		return badRequest("testEndpoint.name", fmt.Sprintf("testEndpoint.name must be at most 100 characters, got %d", n))
	}
	probe := strings.NewReplacer("{server}", "http://server", "{workspace}", "ws", "{keyId}", "key").Replace(te.URL)
	// A mistyped placeholder would go out as it is, found only by a test.
	if unknown := placeholder.FindString(probe); unknown != "" {
		return badRequest("testEndpoint.url", "testEndpoint.url may use only the placeholders {server}, {workspace} and {keyId}, got "+keys.Quote(unknown))
	}
	u, err := url.Parse(probe)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return badRequest("testEndpoint.url", "testEndpoint.url must be an http:// or https:// URL, or start with {server}, got "+keys.Quote(te.URL))
	}
	// A password in the URL would be stored with the profile and shown to
	// every member; the test sends the key being tested, nothing else.
	if u.User != nil {
		return badRequest("testEndpoint.url", "testEndpoint.url must not hold a user name or password (user:password@): the test sends the key being tested")
	}
	switch te.Auth {
	case "", "bearer":
		te.Auth, te.Name = "bearer", ""
	case "header", "query":
		if strings.TrimSpace(te.Name) == "" {
			return badRequest("testEndpoint.name", "testEndpoint.name is required for auth "+te.Auth)
		}
		if !validToken(te.Name) {
			return badRequest("testEndpoint.name", "testEndpoint.name must be letters, digits and !#$%&'*+-.^_`|~ only, as header and parameter names are, got "+keys.Quote(te.Name))
		}
	default:
		return badRequest("testEndpoint.auth", "testEndpoint.auth must be bearer, header or query, got "+keys.Quote(te.Auth))
	}
	return nil
}

// placeholder matches what looks like a placeholder of a test URL.
var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// validToken reports whether s is an HTTP token (a header name).
func validToken(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return false
		}
	}
	return s != ""
}

func profileJSON(p Profile, keyCount int64) api.Profile {
	out := api.Profile{
		ID: p.ID, Name: p.Name, Description: p.Description, DefaultExpiryDays: p.DefaultExpiryDays,
		KeyPrefix: p.KeyPrefix, RotationDays: p.RotationDays, Metadata: json.RawMessage(p.Metadata),
		CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(), KeyCount: keyCount, ReminderDays: []int{},
	}
	_ = json.Unmarshal([]byte(p.ReminderDays), &out.ReminderDays)
	if p.TestEndpoint != "" {
		var te api.TestEndpoint
		if json.Unmarshal([]byte(p.TestEndpoint), &te) == nil {
			out.TestEndpoint = &te
		}
	}
	if len(out.Metadata) == 0 {
		out.Metadata = json.RawMessage("{}")
	}
	return out
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}
