package cli

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"gorm.io/driver/postgres"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/server"
)

func newAdminCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admin",
		Short: "Administer a Keydesk server's database directly",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("keydesk admin needs a command: create-workspace")
			}
			return usageError("unknown command %q for keydesk admin: try create-workspace", args[0])
		},
	}
	cmd.AddCommand(newCreateWorkspaceCmd(stdio))
	return cmd
}

type createdWorkspace struct {
	WorkspaceID string `json:"workspaceId"`
	AdminKey    string `json:"adminKey"`
	AdminKeyID  string `json:"adminKeyId"`
}

func newCreateWorkspaceCmd(stdio IO) *cobra.Command {
	var db string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "create-workspace NAME",
		Short: "Create a workspace and print its first admin key",
		Long:  "Create a workspace in the server's database and print its id and first admin key. The key is shown only this once.",
		Example: `  keydesk admin create-workspace Acme --db sqlite:/var/lib/keydesk/keys.db
  keydesk admin create-workspace Acme --db postgres://keydesk@db/keydesk --json`,
		Args: argsOrHint(1, `give the new workspace's name, such as keydesk admin create-workspace Acme (quote a name with spaces)`),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Checked before the database is opened (and maybe created).
			if _, err := keys.ValidateName(args[0]); err != nil {
				var fe *keys.FieldError
				if errors.As(err, &fe) {
					return usageError("the workspace NAME %s", fe.Rule)
				}
				return usageError("%v", err)
			}
			if err := checkDB(db); err != nil {
				return err
			}
			store, err := server.OpenStore(db, postgres.Open, nil)
			if err != nil {
				return err
			}
			defer store.Close()
			ws, created, err := server.New(store, server.Options{}).CreateWorkspace(cmd.Context(), args[0], "First admin")
			if err != nil {
				return err
			}
			out := createdWorkspace{WorkspaceID: ws.ID, AdminKey: created.Secret, AdminKeyID: created.Key.ID}
			if asJSON {
				enc := json.NewEncoder(stdio.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			fmt.Fprintf(stdio.Out, "Workspace:  %s (%s)\nAdmin key:  %s\n\nStore the admin key now: it is not shown again.\n", ws.Name, ws.ID, created.Secret)
			return nil
		},
	}
	dbFlag(cmd, stdio, &db)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print {workspaceId, adminKey, adminKeyId} as JSON")
	return cmd
}
