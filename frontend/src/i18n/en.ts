// Every string a user reads, in one place. Error codes from the backend map to
// messages in `errors`.
import type { ApiErrorCode, KeyRole, KeyStatus, ReminderKind } from '../api'

// Made when first needed: the first screen's script carries these strings, and most workspaces never need it.
let compact: Intl.NumberFormat | undefined
const compactCount = (n: number) => (compact ??= new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })).format(n)
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n.toLocaleString('en-US')} ${many}`)
/** “a”, “b” and 3 more: the first labels of a list, and how many it holds besides. */
const someOf = (labels: string[], more: number) => `${labels.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`
/** The first sentence of a warning about the new key of a rotation: its old key and when that stops. */
const rotationUnderWay = (oldName: string, oldMasked: string, revokesAt: string | null) =>
  `This is the new key of a rotation still under way: the old key “${oldName}” (${oldMasked}) ${
    revokesAt ? `stops working on ${revokesAt}` : 'works until someone disables it'
  }.`

export const en = {
  appName: 'Keydesk',
  /** A dialog's × button. */
  closeDialog: 'Close dialog',
  startFailed: {
    title: 'Keydesk could not load its window',
    hint: 'Your keys and workspaces are safe: nothing was changed. Reload to try again; if this keeps happening, reinstall Keydesk.',
    reload: 'Reload',
  },
  crashed: {
    title: 'Something went wrong in this window',
    hint: 'Your keys and workspaces are safe: nothing was changed. Reload to start the window again; if this keeps happening, the message below helps a bug report.',
    reload: 'Reload',
  },
  colorScheme: {
    toggle: 'Toggle light and dark theme',
  },
  readOnly: {
    badge: 'Read only',
    reason: 'Your access key for this workspace is a member key: it can only read.',
    offline: 'The server of this workspace can’t be reached right now, and this needs it. The cached keys stay readable.',
    syncProblem: 'This needs the workspace’s server, which can’t be used with its access key right now: see the notice above.',
  },

  workspaces: {
    navTitle: 'Workspaces',
    loading: 'Loading workspaces…',
    none: 'No workspaces yet.',
    loadFailed: 'Couldn’t load workspaces',
    retry: 'Retry',
    local: 'Local',
    localDescription: 'This computer',
    online: 'Online',
    offline: 'Offline',
    syncProblem: 'Last sync failed',
    keyCount: (n: number) => plural(n, 'key', 'keys'),
    /** The sidebar's count: from 10,000 on, "10K" (its label says the whole number), so the workspace's description still fits. */
    keyCountBadge: (n: number) => (n < 10_000 ? n.toLocaleString('en-US') : compactCount(n)),
    role: { admin: 'Admin access', member: 'Read-only access' } as Record<string, string>,
    syncNow: 'Sync now',
    syncing: 'Syncing…',
    synced: 'Synced',
    syncFailed: 'Sync failed',
    syncProgress: (done: number, total: number) => `Syncing ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} keys…`,
    lastSynced: (when: string) => `Last synced ${when}`,
    neverSynced: 'Not synced yet',
    offlineSince: (when: string) => `Offline since ${when}`,
    offlineHint:
      'The keys cached on this computer stay readable; changes wait for the server (nothing is queued).',
    /** The banner of a workspace whose server answers but whose last sync failed. */
    problemTitle: {
      keychainLocked: 'Locked: the access key is in the encrypted file',
      accessKeyMissing: 'The access key is missing',
      accessKeyRejected: 'The server refused the access key',
      forbidden: 'The access key may not read this workspace',
      connection: 'The connection settings no longer work',
      failed: 'Last sync failed',
    } as Record<string, string>,
    problemHint: {
      keychainLocked: 'The cached keys stay readable. Unlock the encrypted file with its passphrase to sync and manage keys again.',
      accessKeyMissing: 'The cached keys stay readable. Enter the workspace’s access key again to sync and manage keys.',
      accessKeyRejected:
        'It may have been disabled, revoked or deleted, or it expired. The cached keys stay readable; enter a working access key to sync again.',
    } as Record<string, string>,
    unlock: 'Unlock',
    enterAccessKey: 'Enter access key',
    selectOne: 'Select a workspace to see its keys.',
    views: 'Workspace views',
    tabs: { keys: 'Keys', profiles: 'Profiles', overview: 'Overview' },
    auditButton: 'Audit log',
    auditAdminOnly: 'Only an admin key can read the audit log: your access key for this workspace is a member key.',
    add: 'Add workspace',
    menu: (name: string) => `Actions for ${name}`,
    edit: 'Edit connection',
    moveUp: 'Move up',
    moveDown: 'Move down',
    remove: 'Remove from this computer',
    reorderFailed: 'Couldn’t change the order',
    added: (name: string) => `Added “${name}”`,
    updated: (name: string) => `Saved “${name}”`,
    removed: (name: string) => `Removed “${name}” from this computer`,
  },

  workspaceForm: {
    addTitle: 'Add workspace',
    editTitle: (name: string) => `Edit “${name}”`,
    urlLabel: 'Server URL',
    urlPlaceholder: 'https://keys.example.com',
    urlDescription: 'The Keydesk server the workspace lives on.',
    urlRequired: 'Enter the server’s URL.',
    urlInvalid: 'Enter a URL that starts with https:// or http://.',
    idLabel: 'Workspace ID',
    idPlaceholder: 'ws_…',
    idDescription: 'Optional: the key tells it.',
    keyLabel: 'Access key',
    keyPlaceholder: 'kd_…',
    keyKeepPlaceholder: 'Leave empty to keep the stored key',
    keyDescription: 'An admin key can manage keys, a member key only read them. Kept in your keychain, never in Keydesk’s database.',
    keyRequired: 'Enter an access key for this workspace.',
    keyNewDescription: 'The stored access key is gone or the server refused it: paste a working admin or member key of this workspace. It is kept in your keychain.',
    revealKey: 'Show or hide the access key',
    insecureLabel: 'Allow insecure http:// to this host',
    insecureDescription: 'Only on a network you trust: without https the access key and new secrets travel unencrypted.',
    insecureNeeded: 'This is plain http:// to another computer: tick “Allow insecure” below, or use https://.',
    caLabel: 'Trusted CA file',
    caPlaceholder: '/etc/ssl/my-company-ca.pem',
    caDescription: 'A PEM file, for a server signed by your company’s own CA. Empty: the system’s CAs.',
    test: 'Test connection',
    /** Saving, over an admin key, a key that can only read. */
    downgradeTitle: 'This access key can only read',
    downgrade: (name: string) =>
      `Saving replaces the admin key Keydesk keeps for “${name}” with this member key: Keydesk will then only read this workspace, and can’t show the admin key again. If you will need it, copy it from where you keep it first.`,
    saveReadOnly: 'Save as read-only',
    testing: 'Testing…',
    connected: (name: string) => `Connected to “${name}”`,
    connectedAs: (keyName: string, role: string) => `Access key “${keyName}” · ${role}`,
    canManage: 'Can manage keys',
    readOnly: 'Read only: this key can list keys but not change them',
    testFailed: 'The connection test failed',
    saveFailed: 'Couldn’t save the workspace',
    cancel: 'Cancel',
    add: 'Add workspace',
    save: 'Save changes',
  },

  removeWorkspace: {
    title: 'Remove workspace',
    confirm: (name: string) => `Remove “${name}” from this computer?`,
    what: 'Its cached keys, the stored access key and the key secrets you remembered for it are deleted from this computer.',
    server: 'Nothing changes on the server: its keys keep working, and you can add the workspace again later.',
    cancel: 'Cancel',
    submit: 'Remove',
    failed: 'Couldn’t remove the workspace',
  },

  /** A dialog closed with changes not saved (useUnsavedGuard). */
  unsaved: {
    keepEditing: 'Keep editing',
    discard: 'Discard changes',
  },

  settings: {
    button: 'Settings',
    title: 'Settings',
    unsaved: {
      title: 'Reminder settings not saved',
      message: 'Closing now drops the changes to the reminder settings. Save them with “Save reminder settings”, or discard them.',
    },
    dataTitle: 'Data',
    dataDir: 'Data folder',
    copyPath: 'Copy path',
    copied: 'Copied',
    keychainTitle: 'Secrets',
    keychain: 'Kept in',
    memoryOnly: 'Memory only',
    persistent: 'Kept across restarts',
    notPersistent: 'Forgotten when Keydesk quits',
    keychainProblem: (reason: string) =>
      `The keychain is not in use (${reason.replace(/\.$/, '')}): secrets you remember are kept only until Keydesk quits.`,
    notPersistentHint:
      'Remembered secrets live only in memory on this computer. Keep them in an encrypted file instead to have them after a restart.',
    encryptTitle: 'Keep secrets in an encrypted file',
    passphrase: 'Passphrase',
    passphraseDescription: 'Keydesk asks for it when it starts. Nobody can recover it for you.',
    passphraseConfirm: 'Repeat the passphrase',
    passphraseRequired: 'Enter a passphrase.',
    passphraseShort: (min: number) => `Use at least ${min} characters.`,
    passphraseMismatch: 'The passphrases don’t match.',
    reveal: 'Show or hide the passphrase',
    encryptSubmit: 'Use encrypted file',
    encryptDone: 'Secrets are now kept in an encrypted file.',
    locked: 'Locked',
    lockedNotice: 'Keydesk’s secrets are in an encrypted file, locked until you enter its passphrase. Until then, remote workspaces can’t sync and remembered secrets aren’t available.',
    unlockTitle: 'Unlock secrets',
    unlockIntro: (dir: string) => `Enter the passphrase of the encrypted file in ${dir}.`,
    unlockSubmit: 'Unlock',
    unlockDone: 'Secrets unlocked.',
    unlockFailed: 'Couldn’t unlock the secrets',
    syncTitle: 'Sync',
    syncInterval: 'Sync every workspace',
    syncIntervalDescription: 'Keydesk also syncs after every change and when you click “Sync now”.',
    minutes: (n: number) => (n === 1 ? 'Every minute' : n === 60 ? 'Every hour' : `Every ${n} minutes`),
    syncSaved: 'Sync interval saved.',
    loadFailed: 'Couldn’t load the settings',
    saveFailed: 'Couldn’t save the setting',
  },

  search: {
    placeholder: 'Search keys in every workspace…',
    label: 'Search keys in every workspace',
    hint: 'Name, key ID, part of the key, or a whole secret to find its key',
    shortcut: (mac: boolean) => (mac ? '⌘ K' : 'Ctrl K'),
    searching: 'Searching…',
    none: (q: string) => `No key matches “${q}”.`,
    /** masked: the pasted secret as the table would show it; the secret itself is never shown back. */
    noneForSecret: (masked: string) => `No key in Keydesk has the secret ${masked}.`,
    tooShort: 'Type at least 2 characters.',
    more: (shown: number) => `Showing the first ${shown} matches — type more to narrow them`,
    failed: 'Search failed',
  },

  keys: {
    title: 'API keys',
    subtitle: 'Keys let your services and scripts call this workspace’s Keydesk server.',
    createButton: 'Create API key',
    loading: 'Loading keys…',
    loadFailed: 'Couldn’t load keys',
    empty: {
      title: 'No API keys yet',
      description: 'Create a key for each service that needs access, so you can rotate or revoke one without touching the others.',
      readOnly: 'This workspace has no API keys yet.',
    },
    columns: {
      name: 'Name',
      id: 'Key ID',
      key: 'Key',
      status: 'Status',
      role: 'Role',
      profile: 'Profile',
      created: 'Created',
      expires: 'Expires',
      lastUsed: 'Last used',
      enabled: 'Enabled',
      actions: 'Actions',
    },
    columnsMenu: {
      button: 'Choose columns',
      title: 'Columns',
      showAll: 'Show all columns',
      fit: 'Fit to window',
    },
    sort: {
      ascending: 'sorted ascending',
      descending: 'sorted descending',
    },
    status: {
      active: 'Active',
      inactive: 'Inactive',
      expired: 'Expired',
      rotating: 'Rotating',
    } satisfies Record<KeyStatus | 'rotating', string> as Record<string, string>,
    rotatingLabel: (revokes: string) => `Rotating — old key revoked ${revokes}`,
    rotatingKept: 'Rotating — kept until disabled',
    rotatingShort: (revokes: string) => `old key revoked ${revokes}`,
    rotatingKeptShort: 'kept until disabled',
    /** The Expires cell's title for the old key of a rotation, which stops at the end of the overlap. */
    stopsWithRotation: (at: string, expires: string | null) =>
      `Stops working ${at}, at the end of the rotation overlap (${expires ? `its own expiry: ${expires}` : 'it would never expire'})`,
    /** Under the status of the new key of a rotation under way (its old key shares its name). */
    newOfRotation: 'new key of the rotation',
    roles: {
      api: 'API',
      member: 'Member',
      admin: 'Admin',
    } satisfies Record<KeyRole, string> as Record<string, string>,
    roleDescriptions: {
      api: 'For your own services: can be verified, call whoami and rotate itself.',
      member: 'Read-only access to this workspace’s keys.',
      admin: 'Full access: can create, change and delete keys.',
    } satisfies Record<KeyRole, string>,
    noProfile: '—',
    never: 'never',
    expiredOn: (when: string) => `Expired ${when}`,
    thisApp: 'This app',
    thisAppHint: 'Keydesk itself uses this key to reach the workspace, so it can’t be disabled, regenerated, rotated or deleted here.',
    rotateInactive: (status: string) => `Only an active key can be rotated; this key is ${status}.`,
    rotateAgain: 'This key has already been rotated: rotate its successor instead.',
    remembered: 'Secret remembered in your keychain',
    enable: (name: string) => `Enable ${name}`,
    enabledOn: (name: string) => `Enabled “${name}”`,
    disabledOn: (name: string) => `Disabled “${name}”`,
    toggleFailed: 'Couldn’t change the key',
    /** A reminder's action (rotate, disable…) that can't be done now: the key's details show instead. */
    requestRefused: 'Can’t do that now',
    menu: (name: string) => `Actions for ${name}`,
    actions: {
      details: 'Details',
      edit: 'Edit',
      disable: 'Disable',
      enable: 'Enable',
      regenerate: 'Regenerate secret…',
      rotate: 'Rotate…',
      remember: 'Remember secret…',
      forget: 'Forget secret…',
      delete: 'Delete',
      test: 'Test',
    },
    expiresOn: (date: string) => `Expires ${date}`,
    neverExpires: 'Never expires',
    deleteLabel: (name: string) => `Delete ${name}`,
    deleted: (name: string) => `Deleted “${name}”`,
    created: (name: string) => `Created “${name}”`,
    updated: (name: string) => `Saved “${name}”`,
    cleanupButton: (n: number) => `Clean up (${n.toLocaleString('en-US')})`,
  },

  filters: {
    search: 'Filter keys',
    searchLabel: 'Filter keys by name, key ID or key',
    status: 'Status',
    statusAll: 'All',
    role: 'Role',
    roleAll: 'All roles',
    profile: 'Profile',
    profileAll: 'All profiles',
    profileNone: 'No profile',
    hideExpired: 'Hide expired',
    showing: (shown: number, total: number) =>
      shown === total ? plural(total, 'key', 'keys') : `${shown.toLocaleString('en-US')} of ${plural(total, 'key', 'keys')}`,
    newestFirst: 'newest first',
    loadingRest: (shown: number, total: number) =>
      `The newest ${shown.toLocaleString('en-US')} of ${plural(total, 'key', 'keys')} · loading the rest…`,
    noMatch: 'No key matches these filters.',
    clear: 'Clear filters',
  },

  expiry: {
    label: 'Expires',
    inDays: (days: number) => `In ${days} days`,
    never: 'Never',
    custom: 'Custom date…',
    customLabel: 'Expiry date',
    neverHint: 'A key that never expires stays valid until someone deletes it.',
    on: (date: string) => `On ${date}`,
    customRange: 'Pick a date between tomorrow and a year from today.',
    customRangeDays: (days: number) => `Pick a date between tomorrow and ${days} days from today, the longest this workspace allows.`,
    customRequired: 'Pick the expiry date.',
    policy: (days: number, allowNever: boolean) =>
      days < 366
        ? `This workspace allows keys of at most ${plural(days, 'day', 'days')}${allowNever ? '' : ', and none that never expire'}.`
        : 'This workspace does not allow keys that never expire.',
    fromProfile: (days: number) => `Profile’s default (${plural(days, 'day', 'days')})`,
    fromProfileNever: 'Profile’s default (never expires)',
  },

  createKey: {
    title: 'Create API key',
    nameLabel: 'Name',
    namePlaceholder: 'e.g. billing-service production',
    nameDescription: 'Something that tells you later where this key is used.',
    nameRequired: 'Enter a name for the key.',
    nameTooLong: (length: number) => `The name can be at most 100 characters; this one has ${length.toLocaleString('en-US')}.`,
    roleLabel: 'Role',
    profileLabel: 'Profile',
    profileNone: 'No profile',
    profileDescription: 'A profile sets the key prefix, default expiry and reminders.',
    cancel: 'Cancel',
    submit: 'Create key',
    failed: 'Couldn’t create the key',
  },

  secret: {
    createdTitle: 'Save your API key',
    regeneratedTitle: 'Save the new secret',
    rotatedTitle: 'Save the new key',
    warningTitle: 'Copy it now',
    warning: 'This key will not be shown again. Copy it now and store it safely.',
    secretLabel: 'Secret key',
    reveal: 'Show or hide the secret',
    copy: 'Copy',
    copied: 'Copied',
    remember: 'Remember in keychain',
    /** keychain: the keychain's name (Encrypted file, Secret Service…), '' when unknown. */
    rememberDescription: (keychain: string) =>
      `So you can test this key later without pasting it. Only the keychain on this computer${keychain ? ` (${keychain})` : ''} gets it.`,
    rememberNotPersistent: 'Your keychain here keeps it only until Keydesk quits.',
    rememberFailed: 'Couldn’t store the secret in the keychain',
    previousTitle: 'Old key',
    done: 'Done',
  },

  editKey: {
    title: 'Edit API key',
    nameLabel: 'Name',
    profileLabel: 'Profile',
    enabledLabel: 'Enabled',
    enabledDescription: 'A disabled key is rejected at once; enable it again to restore access.',
    cancel: 'Cancel',
    submit: 'Save changes',
    failed: 'Couldn’t save the key',
  },

  regenerate: {
    title: 'Regenerate secret',
    warningTitle: 'The current secret stops working at once',
    warning: 'Every app using it is rejected until it gets the new secret. The key keeps its ID, name and role.',
    expiredTitle: 'A new secret and a new expiry',
    expiredWarning: 'The current secret stopped working when the key expired. The new one works until the date you pick; the key keeps its ID, name and role.',
    changeExpiry: 'Change expiry date',
    currentExpiry: (when: string) => `Currently expires ${when}.`,
    currentNever: 'Currently never expires.',
    expiredOn: (date: string) => `Expired on ${date}: the new secret needs a new expiry.`,
    cancel: 'Cancel',
    submit: 'Regenerate secret',
    failed: 'Couldn’t regenerate the secret',
    done: (name: string) => `New secret for “${name}”`,
  },

  rotate: {
    title: 'Rotate API key',
    intro: 'Rotating creates a new key with the same name, role and profile, so your apps can move over while the old one still works.',
    overlapLabel: 'Overlap',
    overlapDescription: 'Days the old key keeps working next to the new one (0–30).',
    overlapSuffix: (n: number) => (n === 1 ? ' day' : ' days'),
    autoRevoke: 'Revoke the old key automatically',
    autoRevokeDescription: 'The server disables the old key when the overlap ends.',
    explainNew: (expires: string | null) =>
      expires ? `A new key is created now; it expires ${expires}.` : 'A new key is created now; it never expires.',
    explainUntil: (date: string) => `The old key keeps working until ${date}, then it is revoked (disabled).`,
    explainUntilExpiry: (date: string) => `The old key keeps working until it expires on ${date}.`,
    explainAtOnce: 'The old key stops working at once.',
    explainKept: 'The old key keeps working until you disable or delete it.',
    explainKeptUntil: (date: string) =>
      `The old key keeps working until you disable or delete it; until ${date} it is shown as rotating.`,
    overlapRange: 'The overlap must be a whole number of days from 0 to 30.',
    cancel: 'Cancel',
    submit: 'Rotate key',
    failed: 'Couldn’t rotate the key',
    previousUntil: (date: string) => `Keeps working until ${date}, then it is revoked (disabled).`,
    previousKept: 'Keeps working until you disable or delete it.',
    previousStopped: 'Stopped working.',
  },

  remember: {
    title: 'Remember secret',
    /**
     * keychain: the keychain's name (macOS Keychain, Encrypted file), '' when unknown. Not
     * persistent: secrets are only in memory, whatever the label says about why.
     */
    intro: (keychain: string, persistent: boolean) =>
      persistent
        ? `Paste the secret of this key. Keydesk keeps it in your keychain${keychain ? ` (${keychain})` : ''}, never in its database, so you can test the key later.`
        : 'Paste the secret of this key. Keydesk keeps it in memory only, never in its database or on disk, so you can test the key until Keydesk quits.',
    secretLabel: 'Secret',
    secretRequired: 'Paste the key’s secret.',
    mismatch: (masked: string) => `This isn’t the secret of this key: its secret looks like ${masked}.`,
    reveal: 'Show or hide the secret',
    cancel: 'Cancel',
    submit: 'Remember',
    failed: 'Couldn’t store the secret',
    done: (name: string) => `Remembered the secret of “${name}”`,
    forgetTitle: 'Forget secret',
    forgetConfirm: 'Keydesk deletes this key’s secret from your keychain. The key keeps working; to test it later you need to paste the secret again.',
    forgetSubmit: 'Forget',
    forgetFailed: 'Couldn’t forget the secret',
    forgotten: (name: string) => `Forgot the secret of “${name}”`,
  },

  cleanup: {
    title: 'Clean up keys',
    intro: 'Delete the keys that are expired or disabled, for good. Active keys are not touched.',
    expired: 'Expired',
    expiredDescription: 'Past their expiry date.',
    revoked: 'Disabled',
    revokedDescription: 'Switched off, or revoked at the end of a rotation. A disabled key can still be enabled again; a deleted one can’t.',
    // Not "both kinds": keys that are each at once (the API's "both"). Ticking the two above deletes both kinds.
    both: 'Only keys both expired and disabled',
    bothDescription: 'Narrower than ticking the two above: a key must be past its expiry and disabled too. Can’t be combined with them.',
    count: (n: number) => plural(n, 'key', 'keys'),
    /** labels: quoted names (keyLabels). */
    names: (labels: string[], more: number) =>
      `Deletes ${someOf(labels, more)}`,
    warning: 'Deletion is permanent. A deleted key can’t be restored, and any app still sending it is rejected.',
    choose: 'Choose what to delete.',
    cancel: 'Cancel',
    submit: (n: number) => (n > 0 ? `Delete ${plural(n, 'key', 'keys')}` : 'Delete'),
    deleted: (n: number) => `Deleted ${plural(n, 'key', 'keys')}`,
    failed: 'Couldn’t clean up',
  },

  disableKey: {
    title: 'Disable the new key of a rotation',
    /** Disabling the new key of a rotation still under way: its old key stops on its own. */
    successorOf: (oldName: string, oldMasked: string, revokesAt: string | null) =>
      `${rotationUnderWay(oldName, oldMasked, revokesAt)} If you disable this one, apps already moved to it stop working now${
        revokesAt ? ', and from that date no key of this rotation works until this one is enabled again' : ''
      }.`,
    endEarly: 'To end the rotation early, disable or delete the old key instead: this one keeps working.',
    cancel: 'Cancel',
    submit: 'Disable',
  },

  deleteKey: {
    title: 'Delete API key',
    confirm: 'You are about to delete this key:',
    warning: 'Every application using this key stops working at once. This cannot be undone.',
    /** Deleting the new key of a rotation still under way. */
    successorOf: (oldName: string, oldMasked: string, revokesAt: string | null) =>
      `${rotationUnderWay(oldName, oldMasked, revokesAt)} If you delete this one, apps already moved to it stop working now${
        revokesAt ? ', and apps still on the old key stop on that date' : ''
      }. To end the rotation early, delete the old key instead: this one keeps working.`,
    cancel: 'Cancel',
    submit: 'Delete',
    failed: 'Couldn’t delete the key',
  },

  details: {
    close: 'Close',
    id: 'Key ID',
    key: 'Key',
    status: 'Status',
    enabled: 'Enabled',
    yes: 'Yes',
    no: 'No',
    role: 'Role',
    profile: 'Profile',
    created: 'Created',
    createdBy: 'Created by',
    regenerated: 'Secret regenerated',
    expires: 'Expires',
    lastUsed: 'Last used',
    updated: 'Updated',
    rotatedFrom: 'Rotated from',
    rotatedTo: 'Replaced by',
    revokesAt: 'Overlap ends',
    keychain: 'Keychain',
    remembered: 'Secret remembered',
    notRemembered: 'Not remembered',
    ownKey: 'In your keychain: Keydesk reaches this workspace with it',
    copyId: 'Copy key ID',
    usageTitle: 'Usage, last 30 days',
    usageTotal: (n: number) => plural(n, 'request', 'requests'),
    usageLabel: (total: number, peakDay: string, peak: number) =>
      total === 0 ? 'Not used in the last 30 days' : `${plural(total, 'request', 'requests')} in 30 days, most on ${peakDay} (${peak.toLocaleString('en-US')})`,
    usagePeak: (day: string, n: number) => `Most on ${day}: ${n.toLocaleString('en-US')}`,
    usageToday: 'Today',
    usageFailed: 'Couldn’t load the usage',
    historyTitle: 'History',
    historyEmpty: 'No changes recorded yet.',
    historyFailed: 'Couldn’t load the history',
  },

  audit: {
    title: (workspace: string) => `Audit log · ${workspace}`,
    time: 'Time',
    actor: 'Actor',
    action: 'Action',
    target: 'Target',
    details: 'Details',
    empty: 'Nothing has happened in this workspace yet.',
    actionFilter: 'Action',
    allActions: 'All actions',
    noneOfAction: (action: string) => `No “${action}” events in this workspace.`,
    filterIgnored: 'This workspace’s server is older than this app and can’t filter its audit log: every event is shown.',
    failed: 'Couldn’t load the audit log',
    server: 'Server',
    total: (n: number) => plural(n, 'event', 'events'),
    nowCalled: (name: string) => `now “${name}”`,
    actions: {
      'key.created': 'Created',
      'key.updated': 'Changed',
      'key.deleted': 'Deleted',
      'key.regenerated': 'Regenerated secret',
      'key.rotated': 'Rotated',
      'key.auto_revoked': 'Revoked after rotation',
      'key.cleaned_up': 'Deleted in clean-up',
      'profile.created': 'Created profile',
      'profile.updated': 'Changed profile',
      'profile.deleted': 'Deleted profile',
      'workspace.updated': 'Changed workspace',
    } as Record<string, string>,
    /** A key.updated event that only switched the key off or on. */
    disabled: 'Disabled',
    enabled: 'Enabled',
    fields: {
      name: 'name',
      enabled: 'enabled',
      profileId: 'profile',
      expiresAt: 'expiry',
      maskedKey: 'key',
      role: 'role',
      apiAccessEnabled: 'API access',
      maxExpiryDays: 'maximum expiry',
      allowNeverExpires: 'keys that never expire',
      keyPrefix: 'key prefix',
    } as Record<string, string>,
    changed: (field: string, from: string, to: string) => `${field} ${from} → ${to}`,
    set: (field: string, to: string) => `${field}: ${to}`,
    enabledNow: 'Enabled',
    disabledNow: 'Disabled',
    newSecret: (masked: string) => `New secret ${masked}`,
    successor: (id: string) => `New key ${id}`,
    /** What the rotation set, read after the date as before it. */
    revokesOn: (date: string) => `old key works until ${date}`,
    keptUntilDisabled: 'old key kept until disabled',
    reason: (reason: string) => `Reason: ${reason}`,
    status: (status: string) => `Was ${status}`,
    andDisabled: (status: string) => `${status} and disabled`,
    none: 'none',
    never: 'never',
    yes: 'yes',
    no: 'no',
    /** A profile's settings as they changed, in the words of the profiles table. */
    profile: {
      name: (from: string, to: string) => `name “${from}” → “${to}”`,
      description: (from: string, to: string) => `description ${from ? `“${from}”` : 'none'} → ${to ? `“${to}”` : 'none'}`,
      defaultExpiry: (from: number | null, to: number | null) =>
        from !== null && to !== null
          ? `default expiry ${from.toLocaleString('en-US')} → ${plural(to, 'day', 'days')}`
          : `default expiry ${from === null ? 'never' : plural(from, 'day', 'days')} → ${to === null ? 'never' : plural(to, 'day', 'days')}`,
      keyPrefix: (from: string, to: string) => `key prefix ${from ? `${from}_` : 'workspace default'} → ${to ? `${to}_` : 'workspace default'}`,
      rotation: (from: number | null, to: number | null) =>
        from !== null && to !== null
          ? `rotation every ${from.toLocaleString('en-US')} → ${plural(to, 'day', 'days')}`
          : `rotation ${from === null ? 'none' : `every ${plural(from, 'day', 'days')}`} → ${to === null ? 'none' : `every ${plural(to, 'day', 'days')}`}`,
      reminders: (from: number[], to: number[]) => {
        const days = (d: number[]) => (d.length === 0 ? 'as in Settings' : d.length === 1 ? plural(d[0], 'day', 'days') : `${d.join(', ')} days`)
        return `reminders ${days(from)} → ${days(to)}`
      },
      testEndpoint: (from: string, to: string) => `test endpoint ${from} → ${to}`,
      testMethod: (from: string, to: string) => `test method ${from} → ${to}`,
      testUrl: (from: string, to: string) => `test URL ${from} → ${to}`,
      testAuth: (from: string, to: string) => `test auth ${from} → ${to}`,
      defaultTarget: 'default',
      metadata: (from: string, to: string) => `metadata ${from || 'none'} → ${to || 'none'}`,
      metadataChanged: 'metadata changed',
      unchanged: 'no setting changed',
      /** What a new profile was created with, besides its name. */
      created: {
        defaultExpiry: (days: number | null) => `default expiry: ${days === null ? 'never' : plural(days, 'day', 'days')}`,
        keyPrefix: (prefix: string) => `key prefix: ${prefix}_`,
        rotation: (days: number) => `rotation: every ${plural(days, 'day', 'days')}`,
        reminders: (days: number[]) => `reminders: ${days.length === 1 ? plural(days[0], 'day', 'days') : `${days.join(', ')} days`}`,
        testEndpoint: (endpoint: string) => `test endpoint: ${endpoint}`,
        metadata: (json: string) => `metadata: ${json}`,
      },
      /** What became of the keys that used a deleted profile. */
      keptKeys: (n: number) => `${plural(n, 'key', 'keys')} kept without a profile`,
      deletedKeys: (n: number) => `${plural(n, 'key', 'keys')} deleted with it`,
      unused: 'no key used it',
    },
  },

  keyTest: {
    menu: 'Test',
    button: 'Test API key',
    title: 'Test API key',
    titleFor: (name: string) => `Test “${name}”`,
    intro: 'Keydesk sends a request with the key — to its profile’s test endpoint if it has one, else to the workspace’s server — and shows what came back. The secret is only used for this call.',
    running: 'Calling the server…',
    secretLabel: 'Secret',
    secretPlaceholder: 'Paste the key’s secret',
    needSecret: 'Keydesk doesn’t have this key’s secret. Paste it to run the test.',
    run: 'Run',
    runAgain: 'Run again',
    failed: 'The test couldn’t run',
    noAnswer: 'No answer from the server',
    redirected: (status: number) => `Redirected (${status}), not followed`,
    location: 'Location',
    status: 'Status',
    time: 'Time',
    // A loopback answer takes less than the millisecond the backend counts in.
    ms: (ms: number) => (ms < 1 ? '<1 ms' : `${ms.toLocaleString('en-US')} ms`),
    request: 'Request',
    response: 'Response',
    truncated: (bytes: number) => `Showing the start of ${bytes.toLocaleString('en-US')} bytes.`,
    previewCut: (shown: number, total: number, json: boolean) =>
      `The first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters: ${json ? 'Copy full JSON' : 'Copy full body'} has all of them.`,
    emptyBody: '(empty body)',
    copyJson: 'Copy full JSON',
    copyBody: 'Copy full body',
    /** The body was cut at 1 MiB: the copy holds only that. */
    copyStart: 'Copy the first 1 MiB',
    copied: 'Copied',
    curl: 'cURL',
    copyCurl: 'Copy',
    copyCurlHint: 'Copies the whole command, with the key',
    copyCurlFailed: 'Couldn’t copy the command',
    reveal: 'Reveal secret',
    hide: 'Hide secret',
    revealSecret: 'Show or hide the secret',
    previewLabel: 'The response body',
    revealFailed: 'Couldn’t reveal the secret',
    history: 'Last results',
    historyEmpty: 'No earlier results.',
    historyAt: 'When',
    historyStatus: 'Status',
    historyTime: 'Time',
    close: 'Close',
  },

  reminders: {
    button: 'Reminders',
    count: (n: number) => plural(n, 'reminder', 'reminders'),
    title: 'Reminders',
    empty: 'No reminders. Keydesk will tell you before a key expires or is due for rotation.',
    loadFailed: 'Couldn’t load reminders',
    due: (when: string) => `Due ${when}`,
    key: (name: string, id: string) => `Key: ${name} (${id})`,
    workspace: (name: string) => `Workspace: ${name}`,
    // Times come worded by formatRelative, as the key table words them: "in 3 days", "67 days ago".
    kinds: {
      expiring: {
        title: 'API key expires soon',
        message: (key: string, when: string) => `${key} expires ${when}. Rotate it, or regenerate it with a new expiry, before it breaks.`,
      },
      expired: {
        title: 'API key expired',
        message: (key: string, when: string) => `${key} expired ${when}. Regenerate it with a new expiry or clean it up.`,
      },
      overlapEnding: {
        title: 'Old key stops soon',
        message: (key: string, when: string) => `The rotation overlap of ${key} ends ${when}: make sure everything uses the new key.`,
      },
      rotationDue: {
        title: 'API key due for rotation',
        message: (key: string, made: string, days: number) =>
          `The secret of ${key} was made ${made}; its profile asks to rotate it ${days === 1 ? 'every day' : `every ${plural(days, 'day', 'days')}`}.`,
      },
      neverUsed: {
        title: 'API key never used',
        message: (key: string, created: string) => `${key} has not been used since it was created ${created}. Disable it if nobody needs it.`,
      },
      unused: {
        title: 'API key unused',
        message: (key: string, lastUsed: string) => `${key} was last used ${lastUsed}. Disable it if nobody needs it.`,
      },
    },
    actions: {
      rotate: 'Rotate…',
      regenerate: 'Regenerate secret…',
      disable: 'Disable key',
    } as Record<string, string>,
    open: 'Open key',
    snoozeDay: 'Snooze 1 day',
    snoozeWeek: 'Snooze 1 week',
    dismiss: 'Dismiss',
    close: 'Close reminders',
    snoozeFailed: 'Couldn’t snooze the reminder',
    /** After a snooze: the reminder leaves the list until then. */
    snoozed: (subject: string, until: string) => `Snoozed until ${until}: ${subject}`,
    dismissFailed: 'Couldn’t dismiss the reminder',
    /** Above the cards: how many, and in what order. */
    summary: (shown: number, total: number) =>
      shown < total
        ? `Showing ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}, most urgent first`
        : `${plural(total, 'reminder', 'reminders')}, most urgent first`,
    showMore: (next: number, left: number) =>
      `Show ${next.toLocaleString('en-US')} more (${left.toLocaleString('en-US')} not shown)`,
    dismissAll: 'Dismiss all',
    dismissAllConfirm: (n: number) => `Dismiss all ${plural(n, 'reminder', 'reminders')}?`,
    dismissAllWhat: 'They won’t be shown again, and no key is changed. A later reminder for the same key, such as its expiry, still comes.',
    dismissAllSubmit: (n: number) => `Dismiss ${n.toLocaleString('en-US')}`,
    dismissAllCancel: 'Cancel',
    dismissedAll: (n: number) => `Dismissed ${plural(n, 'reminder', 'reminders')}`,
    dismissAllFailed: 'Couldn’t dismiss the reminders',
    /** When the system shows no desktop notifications (on Linux, no notification daemon). */
    notificationsUnavailableTitle: 'No desktop notifications',
    notificationsUnavailable: 'Desktop notifications could not be shown on this system, so reminders appear in the reminder center only.',
  },

  profiles: {
    title: 'Profiles',
    subtitle: 'A profile gives its keys a prefix, a default expiry, a rotation policy, reminders and a test endpoint.',
    createButton: 'Create profile',
    loading: 'Loading profiles…',
    loadFailed: 'Couldn’t load profiles',
    empty: {
      title: 'No profiles yet',
      description: 'Create one per kind of key, like “Payments service”, so its keys share a prefix, an expiry and a rotation policy.',
      readOnly: 'This workspace has no profiles yet.',
    },
    columns: {
      name: 'Name',
      defaultExpiry: 'Expiry',
      keyPrefix: 'Prefix',
      rotation: 'Rotation',
      reminders: 'Reminders',
      testEndpoint: 'Test endpoint',
      keys: 'Keys',
      actions: 'Actions',
    },
    days: (n: number) => plural(n, 'day', 'days'),
    never: 'Never',
    workspacePrefix: 'Default',
    rotateEvery: (n: number) => `Every ${plural(n, 'day', 'days')}`,
    noRotation: 'No policy',
    remindBefore: (days: number[]) =>
      days.length === 0 ? 'As in Settings' : days.length === 1 ? plural(days[0], 'day', 'days') : `${days.join(', ')} days`,
    defaultTarget: 'Default',
    auth: (auth: string, name: string) =>
      auth === 'header' ? `header ${name}` : auth === 'query' ? `query ?${name}=` : 'bearer token',
    keyCount: (n: number) => plural(n, 'key', 'keys'),
    hasMetadata: 'Has metadata',
    edit: (name: string) => `Edit ${name}`,
    view: (name: string) => `View ${name}`,
    delete: (name: string) => `Delete ${name}`,
    created: (name: string) => `Created profile “${name}”`,
    updated: (name: string) => `Saved profile “${name}”`,
    deleted: (name: string) => `Deleted profile “${name}”`,
  },

  profileForm: {
    unsaved: (editing: boolean) => ({
      title: editing ? 'Changes not saved' : 'Profile not created',
      message: editing
        ? 'Closing now drops your changes to this profile. Save them with “Save changes”, or discard them.'
        : 'Closing now drops what you entered. Create the profile with “Create profile”, or discard it.',
    }),
    createTitle: 'Create profile',
    editTitle: (name: string) => `Edit profile “${name}”`,
    viewTitle: (name: string) => `Profile “${name}”`,
    keysSection: 'New keys',
    testSection: 'Key test',
    nameLabel: 'Name',
    namePlaceholder: 'e.g. Payments service',
    nameRequired: 'Enter a name for the profile.',
    nameTooLong: (length: number) => `The name can be at most 100 characters; this one has ${length.toLocaleString('en-US')}.`,
    descriptionTooLong: (length: number) =>
      `The description can be at most 1,000 characters; this one has ${length.toLocaleString('en-US')}.`,
    descriptionLabel: 'Description',
    descriptionPlaceholder: 'What keys of this profile are for',
    expiryLabel: 'Default expiry',
    expiryDescription: 'What a new key of this profile gets when its creator keeps the profile’s default.',
    expiryNever: 'Never expires',
    expiryAfter: 'Expires after',
    expiryRange: 'Default expiry must be a whole number from 1 to 366 days.',
    prefixLabel: 'Key prefix',
    prefixPlaceholder: 'Workspace’s (kd)',
    /** prefix: as typed, trimmed. */
    prefixDescription: (prefix: string) =>
      `${prefix ? `New secrets start ${prefix}_…` : 'Starts new secrets, like pay_… (empty: the workspace’s, kd_ unless it sets one)'}: a lowercase letter, then 1–11 letters or digits.`,
    prefixInvalid: 'Use a lowercase letter followed by 1–11 lowercase letters or digits.',
    rotationLabel: 'Rotation policy',
    rotationDescription: 'Keydesk reminds you to rotate a key once it is this old.',
    rotationAfterExpiry: (days: number) =>
      `Keys that keep the default expiry (${plural(days, 'day', 'days')}) expire before they are this old: for them this reminder never comes (the expiry reminders do).`,
    rotationNone: 'No policy',
    rotationEvery: 'Rotate every',
    rotationRange: 'Rotation policy must be a whole number from 1 to 3650 days.',
    /** The unit beside a number of days as typed; NaN (not a number yet) reads as days. */
    daysUnit: (n: number) => (n === 1 ? 'day' : 'days'),
    reminderLabel: 'Remind before expiry',
    reminderDescription: 'Days before a key expires; Enter adds one. Empty: those in Settings.',
    testMode: 'Test keys against',
    testDefault: 'Default target',
    testCustom: 'Custom endpoint',
    testDefaultHint: 'The workspace’s server: admin and member keys list keys, API keys call whoami.',
    methodLabel: 'Method',
    urlLabel: 'URL',
    urlPlaceholder: '{server}/v1/whoami',
    urlDescription: 'May use {server}, {workspace} and {keyId}.',
    urlRequired: 'Enter the URL to call.',
    urlUserinfo: 'Take the user name and password out of the URL: every member sees it, and the test sends the key being tested.',
    authLabel: 'Send the key as',
    auths: { bearer: 'Bearer token', header: 'Header', query: 'Query parameter' } as Record<string, string>,
    headerName: 'Header name',
    queryName: 'Parameter name',
    headerPlaceholder: 'e.g. X-API-Key',
    queryPlaceholder: 'e.g. api_key',
    authNameRequired: 'Enter the name the key is sent under.',
    metadataLabel: 'Metadata',
    metadataDescription: 'A JSON object that verify returns with every key of this profile. Empty: none.',
    metadataPlaceholder: '{ "team": "payments" }',
    metadataInvalid: 'Enter a JSON object, like {"team": "payments"}.',
    cancel: 'Cancel',
    close: 'Close',
    create: 'Create profile',
    save: 'Save changes',
    failed: 'Couldn’t save the profile',
  },

  leadDays: {
    invalid: 'Lead times are whole days from 1 to 366.',
    duplicate: (days: number) => `${days} is already in the list.`,
    tooMany: 'Keep at most 10 lead times.',
    required: 'Keep at least one lead time.',
  },

  deleteProfile: {
    title: 'Delete profile',
    confirm: (name: string) => `Delete the profile “${name}”?`,
    unused: 'No key uses it: deleting it changes no key.',
    inUse: (name: string, n: number) =>
      `“${name}” is used by ${plural(n, 'key', 'keys')}. What should happen to ${n === 1 ? 'it' : 'them'}?`,
    detach: (n: number) => (n === 1 ? 'Keep the key, without a profile' : `Keep the ${n.toLocaleString('en-US')} keys, without a profile`),
    detachDescription: (n: number) =>
      n === 1 ? 'It keeps working with its secret and expiry as they are.' : 'They keep working with their secrets and expiry as they are.',
    deleteKeys: (n: number) => (n === 1 ? 'Delete the key too' : `Delete the ${n.toLocaleString('en-US')} keys too`),
    deleteKeysDescription: (n: number) => (n === 1 ? 'The key is deleted with the profile.' : 'The keys are deleted with the profile.'),
    deleteKeysWarning: (n: number) =>
      `Every application using ${n === 1 ? 'this key' : 'these keys'} is rejected at once. This cannot be undone.`,
    cancel: 'Cancel',
    submit: 'Delete profile',
    submitWithKeys: (n: number) => `Delete profile and ${plural(n, 'key', 'keys')}`,
    failed: 'Couldn’t delete the profile',
    deletedWithKeys: (name: string, n: number) => `Deleted profile “${name}” and ${plural(n, 'key', 'keys')}`,
    /** The keys that use it, by name: all of a few, the first of many. */
    /** labels: quoted names (keyLabels). */
    keyNames: (labels: string[], more: number) =>
      `${labels.length === 1 && more === 0 ? 'The key' : 'The keys'}: ${someOf(labels, more)}`,
  },

  reminderSettings: {
    title: 'Reminders',
    quietLabel: 'Quiet hours',
    quietFrom: 'From',
    quietUntil: 'Until',
    hour: (h: number) => `${String(h).padStart(2, '0')}:00`,
    quietNone: 'No quiet hours: notifications may show at any hour. Pick two different hours to hold them back.',
    quietHint: (from: string, until: string) =>
      `Desktop notifications wait from ${from} until ${until}; the reminder center lists them at once.`,
    leadLabel: 'Remind before expiry',
    leadDescription: 'Days before a key expires, for keys whose profile sets none. Type a number and press Enter.',
    kindsLabel: 'Remind me when',
    kinds: {
      expiring: { label: 'A key is about to expire', description: 'At each lead time before its expiry date.' },
      expired: { label: 'A key has expired', description: 'Once, when it passes its expiry date.' },
      overlap_ending: { label: 'A rotation overlap ends', description: 'A day before the old key of a rotation stops working.' },
      rotation_due: { label: 'A key is due for rotation', description: 'When it is older than its profile’s rotation policy.' },
      unused: { label: 'A key goes unused', description: '90 days without a request, or 30 days after creation when never used.' },
    } satisfies Record<ReminderKind, { label: string; description: string }>,
    save: 'Save reminder settings',
    saved: 'Reminder settings saved.',
    failed: 'Couldn’t save the reminder settings',
    loadFailed: 'Couldn’t load the reminder settings',
  },

  overview: {
    title: 'Overview',
    allWorkspaces: 'All workspaces',
    allSubtitle: 'Every workspace on this computer, from the keys cached here.',
    navLabel: 'Overview of all workspaces',
    loading: 'Loading the overview…',
    loadFailed: 'Couldn’t load the overview',
    counts: {
      total: 'Keys',
      active: 'Active',
      rotating: 'Rotating',
      inactive: 'Inactive',
      expired: 'Expired',
    },
    countHints: {
      total: 'in total',
      active: 'working now',
      rotating: 'of the active: old keys in a rotation overlap',
      inactive: 'disabled',
      expired: 'past their expiry',
    },
    expiringTitle: 'Expiring in the next 90 days',
    expiringSummary: (n: number) =>
      n === 0
        ? 'No active key expires in the next 13 weeks.'
        : `${plural(n, 'active key expires', 'active keys expire')} in the next 13 weeks.`,
    series: 'Keys expiring',
    weekOf: (date: string) => `Week of ${date}`,
    stalestTitle: 'Stalest keys',
    stalestSubtitle: 'Active keys unused for a week or more, longest first; a key never used counts from when it was made.',
    stalestEmpty: 'No active key has gone unused for a week.',
    columns: {
      name: 'Name',
      workspace: 'Workspace',
      key: 'Key',
      idle: 'Idle for',
      total: 'Keys',
    },
    idleDays: (n: number) => (n < 1 ? 'under a day' : plural(n, 'day', 'days')),
    neverUsed: 'never used',
    lastUsed: (date: string) => `last used ${date}`,
    openKey: (name: string, workspace: string) => `Open ${name} in ${workspace}`,
    byWorkspace: 'By workspace',
    openWorkspace: (name: string) => `Open the overview of ${name}`,
  },

  time: {
    never: 'never',
    justNow: 'just now',
  },

  /** A panel that reads from a workspace's server (the audit log, a key's use and history). */
  serverRead: {
    stillWaiting: (server: string) => `Still waiting for the server at ${server} to answer…`,
    stillWaitingHint: 'Keydesk gives up after 15 seconds and lets you try again.',
    // A read changes nothing, unlike a change whose answer was lost (errors.byCode.timeout).
    timeout: 'The server did not answer in time. Reading changes nothing: try again, or later if the server is busy.',
  },

  errors: {
    // Shown when the server's message is empty; otherwise its message is used,
    // because it already names the field and the rule.
    byCode: {
      invalid_input: 'Some of the input isn’t valid.',
      not_found: 'It doesn’t exist any more. It may have been deleted elsewhere.',
      forbidden: 'The workspace’s access key isn’t allowed to do that. Keys can only be changed with an admin key.',
      unauthorized: 'The server rejected this workspace’s access key. It may have expired or been deleted.',
      offline: 'This needs the Keydesk server, which can’t be reached right now. Your cached keys stay readable; try again when it is back.',
      conflict: 'Someone changed this at the same time. Reload and try again.',
      timeout: 'The server did not answer in time. It may still have done what you asked: look at the list before you try again.',
      internal: 'Something went wrong.',
      not_started: 'Keydesk is still starting. Try again in a moment.',
      start_failed: 'Keydesk could not start.',
      need_secret: 'Keydesk doesn’t have this key’s secret. Paste it to run the test.',
      keychain_locked: 'This workspace’s access key is in the encrypted file, which is locked. Unlock it with its passphrase, then try again.',
      access_key_missing: 'This workspace’s access key is not in the keychain. Enter it again (Edit connection), then try again.',
    } satisfies Record<ApiErrorCode, string>,
  },
}
