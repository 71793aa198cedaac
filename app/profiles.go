package app

import (
	"encoding/json"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/keys"
)

// ProfilesAPI is the Profiles view.
type ProfilesAPI struct {
	app *App
}

// List returns the workspace's profiles, as cached; it works offline.
func (p *ProfilesAPI) List(workspaceID string) ([]Profile, error) {
	d, ctx, cancel, err := p.app.call()
	if err != nil {
		return nil, err
	}
	defer cancel()
	list, err := d.Profiles(ctx, workspaceID)
	if err != nil {
		return nil, wrap(err)
	}
	out := make([]Profile, len(list))
	for i, c := range list {
		out[i] = profileView(c)
	}
	return out, nil
}

// Create creates a profile.
func (p *ProfilesAPI) Create(workspaceID string, req ProfileRequest) (Profile, error) {
	body, err := profileBody(req)
	if err != nil {
		return Profile{}, wrap(err)
	}
	d, ctx, cancel, err := p.app.call()
	if err != nil {
		return Profile{}, err
	}
	defer cancel()
	created, err := d.CreateProfile(ctx, workspaceID, body)
	return apiProfileView(created), wrap(err)
}

// Update replaces every field of a profile with the form's.
func (p *ProfilesAPI) Update(workspaceID, profileID string, req ProfileRequest) (Profile, error) {
	body, err := profileBody(req)
	if err != nil {
		return Profile{}, wrap(err)
	}
	d, ctx, cancel, err := p.app.call()
	if err != nil {
		return Profile{}, err
	}
	defer cancel()
	updated, err := d.UpdateProfile(ctx, workspaceID, profileID, body)
	return apiProfileView(updated), wrap(err)
}

// Delete deletes a profile. keysAction says what happens to the keys that
// use it: "detach" keeps them without a profile, "delete" deletes them, ""
// refuses (conflict) while any key uses it.
// expectKeys is how many keys the dialog said use the profile (-1: not
// said): the server refuses if another number does.
func (p *ProfilesAPI) Delete(workspaceID, profileID, keysAction string, expectKeys int) error {
	if keysAction != "" && keysAction != "detach" && keysAction != "delete" {
		return wrap(&keys.FieldError{Field: "keys", Rule: "must be detach or delete"})
	}
	d, ctx, cancel, err := p.app.call()
	if err != nil {
		return err
	}
	defer cancel()
	return wrap(d.DeleteProfile(ctx, workspaceID, profileID, keysAction, expectKeys))
}

// profileBody is the server request for the form: every field set, so an
// edit replaces what the form shows.
func profileBody(req ProfileRequest) (api.ProfileRequest, error) {
	body := api.ProfileRequest{
		Name: &req.Name, Description: &req.Description, KeyPrefix: &req.KeyPrefix,
		DefaultExpiryDays: api.Some(req.DefaultExpiryDays), RotationDays: api.Some(req.RotationDays),
		ReminderDays: &req.ReminderDays,
	}
	if body.ReminderDays == nil || *body.ReminderDays == nil {
		body.ReminderDays = &[]int{}
	}
	if req.TestEndpoint != nil {
		te := api.TestEndpoint(*req.TestEndpoint)
		body.TestEndpoint = api.Some(&te)
	} else {
		body.TestEndpoint = api.Some[api.TestEndpoint](nil)
	}
	if req.Metadata == "" {
		body.Metadata = api.Some[json.RawMessage](nil)
	} else {
		var obj map[string]any
		if err := json.Unmarshal([]byte(req.Metadata), &obj); err != nil {
			return body, &keys.FieldError{Field: "metadata", Rule: "must be a JSON object, like {\"team\": \"payments\"}"}
		}
		raw := json.RawMessage(req.Metadata)
		body.Metadata = api.Some(&raw)
	}
	return body, nil
}

func profileView(p desk.CachedProfile) Profile {
	out := Profile{
		ID: p.ID, Name: p.Name, Description: p.Description, DefaultExpiryDays: p.DefaultExpiryDays,
		KeyPrefix: p.KeyPrefix, RotationDays: p.RotationDays, KeyCount: p.KeyCount, ReminderDays: []int{},
		Metadata: metadataText(p.Metadata),
	}
	_ = json.Unmarshal([]byte(p.ReminderDays), &out.ReminderDays)
	if p.TestEndpoint != "" {
		var te TestEndpoint
		if json.Unmarshal([]byte(p.TestEndpoint), &te) == nil {
			out.TestEndpoint = &te
		}
	}
	return out
}

// apiProfileView shows a profile the server just returned as the view would
// once it is cached.
func apiProfileView(p api.Profile) Profile {
	if p.ID == "" {
		return Profile{}
	}
	return profileView(desk.CachedProfileFromAPI("", p))
}

// metadataText is the form's text for stored metadata: "" when there is none.
func metadataText(stored string) string {
	switch stored {
	case "", "null", "{}":
		return ""
	}
	return stored
}
