package server

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/keydesk/keydesk/backend/api"
)

type openAPIDoc struct {
	Paths      map[string]map[string]any `yaml:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]any `yaml:"properties"`
		} `yaml:"schemas"`
	} `yaml:"components"`
}

func loadOpenAPI(t *testing.T) (openAPIDoc, string) {
	t.Helper()
	raw, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPIDoc
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	return doc, string(raw)
}

// TestOpenAPIListsExactlyTheServedRoutes: every route the server registers
// is documented, and every documented operation is served.
func TestOpenAPIListsExactlyTheServedRoutes(t *testing.T) {
	doc, _ := loadOpenAPI(t)
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	var served []string
	for _, rt := range New(nil, Options{}).routes() {
		served = append(served, rt.pattern)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if strings.Join(documented, "\n") != strings.Join(served, "\n") {
		t.Fatalf("openapi.yaml and the server disagree.\ndocumented:\n%s\n\nserved:\n%s", strings.Join(documented, "\n"), strings.Join(served, "\n"))
	}
}

// TestOpenAPISchemasMatchTheWireTypes: each schema has exactly the JSON
// fields of the Go type the server encodes or decodes.
func TestOpenAPISchemasMatchTheWireTypes(t *testing.T) {
	doc, raw := loadOpenAPI(t)
	types := map[string]any{
		"Key": api.Key{}, "KeyList": api.KeyList{}, "CreateKeyRequest": api.CreateKeyRequest{}, "CreatedKey": api.CreatedKey{},
		"PatchKeyRequest": api.PatchKeyRequest{}, "RegenerateRequest": api.RegenerateRequest{}, "RotateRequest": api.RotateRequest{},
		"RotatedKey": api.RotatedKey{}, "CleanupCounts": api.CleanupCounts{}, "CleanupRequest": api.CleanupRequest{},
		"CleanupResult": api.CleanupResult{}, "VerifyRequest": api.VerifyRequest{}, "VerifyResponse": api.VerifyResponse{},
		"WhoAmI": api.WhoAmI{}, "ExpiryPolicy": api.ExpiryPolicy{}, "Workspace": api.Workspace{}, "PatchWorkspaceRequest": api.PatchWorkspaceRequest{},
		"TestEndpoint": api.TestEndpoint{}, "Profile": api.Profile{}, "ProfileRequest": api.ProfileRequest{},
		"ProfileList": api.ProfileList{}, "AuditEvent": api.AuditEvent{}, "AuditList": api.AuditList{}, "Usage": api.Usage{},
		"Problem": api.Problem{}, "Health": api.Health{},
	}
	for name, v := range types {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s is missing", name)
			continue
		}
		var want, got []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			tag := strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]
			if tag != "" && tag != "-" {
				want = append(want, tag)
			}
		}
		for prop := range schema.Properties {
			got = append(got, prop)
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(want, ",") != strings.Join(got, ",") {
			t.Errorf("schema %s has %v, the Go type %v", name, got, want)
		}
	}
	// Every $ref points at something defined.
	for _, m := range regexp.MustCompile(`#/components/(\w+)/(\w+)`).FindAllStringSubmatch(raw, -1) {
		if !strings.Contains(raw, "\n    "+m[2]+":") {
			t.Errorf("dangling reference %s", m[0])
		}
	}
}
