export namespace app {
	
	export class AuditEvent {
	    id: number;
	    at: string;
	    actorKeyId: string;
	    actorName: string;
	    action: string;
	    targetKeyId: string;
	    targetName: string;
	    targetNameNow?: string;
	    targetId: string;
	    clientIp: string;
	    changes: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.actorKeyId = source["actorKeyId"];
	        this.actorName = source["actorName"];
	        this.action = source["action"];
	        this.targetKeyId = source["targetKeyId"];
	        this.targetName = source["targetName"];
	        this.targetNameNow = source["targetNameNow"];
	        this.targetId = source["targetId"];
	        this.clientIp = source["clientIp"];
	        this.changes = source["changes"];
	    }
	}
	export class AuditPage {
	    items: AuditEvent[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new AuditPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], AuditEvent);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CleanupCounts {
	    expired: number;
	    revoked: number;
	    both: number;
	
	    static createFrom(source: any = {}) {
	        return new CleanupCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.expired = source["expired"];
	        this.revoked = source["revoked"];
	        this.both = source["both"];
	    }
	}
	export class CleanupRequest {
	    expired: boolean;
	    revoked: boolean;
	    both: boolean;
	    keyIds: string[];
	
	    static createFrom(source: any = {}) {
	        return new CleanupRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.expired = source["expired"];
	        this.revoked = source["revoked"];
	        this.both = source["both"];
	        this.keyIds = source["keyIds"];
	    }
	}
	export class ConnectionInfo {
	    workspaceId: string;
	    workspaceName: string;
	    role: string;
	    keyName: string;
	    canManage: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.workspaceId = source["workspaceId"];
	        this.workspaceName = source["workspaceName"];
	        this.role = source["role"];
	        this.keyName = source["keyName"];
	        this.canManage = source["canManage"];
	    }
	}
	export class CreateKeyRequest {
	    name: string;
	    role: string;
	    profileId: string;
	    expiresInDays?: number;
	    expiryFromProfile: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CreateKeyRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.profileId = source["profileId"];
	        this.expiresInDays = source["expiresInDays"];
	        this.expiryFromProfile = source["expiryFromProfile"];
	    }
	}
	export class Key {
	    id: string;
	    name: string;
	    role: string;
	    maskedKey: string;
	    status: string;
	    enabled: boolean;
	    createdAt: string;
	    expiresAt?: string;
	    lastUsedAt?: string;
	    profileId: string;
	    revokesAt?: string;
	    autoRevoke: boolean;
	    rotating: boolean;
	    rotatedFrom: string;
	    createdBy: string;
	    updatedAt: string;
	    remembered: boolean;
	    own: boolean;
	    regeneratedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new Key(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.maskedKey = source["maskedKey"];
	        this.status = source["status"];
	        this.enabled = source["enabled"];
	        this.createdAt = source["createdAt"];
	        this.expiresAt = source["expiresAt"];
	        this.lastUsedAt = source["lastUsedAt"];
	        this.profileId = source["profileId"];
	        this.revokesAt = source["revokesAt"];
	        this.autoRevoke = source["autoRevoke"];
	        this.rotating = source["rotating"];
	        this.rotatedFrom = source["rotatedFrom"];
	        this.createdBy = source["createdBy"];
	        this.updatedAt = source["updatedAt"];
	        this.remembered = source["remembered"];
	        this.own = source["own"];
	        this.regeneratedAt = source["regeneratedAt"];
	    }
	}
	export class CreatedKey {
	    key: Key;
	    secret: string;
	
	    static createFrom(source: any = {}) {
	        return new CreatedKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = this.convertValues(source["key"], Key);
	        this.secret = source["secret"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class KeyPage {
	    keys: Key[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new KeyPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.keys = this.convertValues(source["keys"], Key);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NotificationStatus {
	    unavailable: boolean;
	    failedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new NotificationStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.unavailable = source["unavailable"];
	        this.failedAt = source["failedAt"];
	    }
	}
	export class WorkspaceCounts {
	    workspaceId: string;
	    workspaceName: string;
	    online: boolean;
	    syncProblem: string;
	    counts: StatusCounts;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.workspaceId = source["workspaceId"];
	        this.workspaceName = source["workspaceName"];
	        this.online = source["online"];
	        this.syncProblem = source["syncProblem"];
	        this.counts = this.convertValues(source["counts"], StatusCounts);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StaleKey {
	    workspaceId: string;
	    workspaceName: string;
	    key: Key;
	    idleSince: string;
	    idleDays: number;
	
	    static createFrom(source: any = {}) {
	        return new StaleKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.workspaceId = source["workspaceId"];
	        this.workspaceName = source["workspaceName"];
	        this.key = this.convertValues(source["key"], Key);
	        this.idleSince = source["idleSince"];
	        this.idleDays = source["idleDays"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WeekCount {
	    weekStart: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new WeekCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.weekStart = source["weekStart"];
	        this.count = source["count"];
	    }
	}
	export class StatusCounts {
	    total: number;
	    active: number;
	    inactive: number;
	    expired: number;
	    rotating: number;
	
	    static createFrom(source: any = {}) {
	        return new StatusCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.active = source["active"];
	        this.inactive = source["inactive"];
	        this.expired = source["expired"];
	        this.rotating = source["rotating"];
	    }
	}
	export class Overview {
	    counts: StatusCounts;
	    expiring: WeekCount[];
	    stalest: StaleKey[];
	    workspaces: WorkspaceCounts[];
	
	    static createFrom(source: any = {}) {
	        return new Overview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.counts = this.convertValues(source["counts"], StatusCounts);
	        this.expiring = this.convertValues(source["expiring"], WeekCount);
	        this.stalest = this.convertValues(source["stalest"], StaleKey);
	        this.workspaces = this.convertValues(source["workspaces"], WorkspaceCounts);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TestEndpoint {
	    method: string;
	    url: string;
	    auth: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new TestEndpoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.method = source["method"];
	        this.url = source["url"];
	        this.auth = source["auth"];
	        this.name = source["name"];
	    }
	}
	export class Profile {
	    id: string;
	    name: string;
	    description: string;
	    defaultExpiryDays?: number;
	    keyPrefix: string;
	    rotationDays?: number;
	    reminderDays: number[];
	    testEndpoint?: TestEndpoint;
	    metadata: string;
	    keyCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.defaultExpiryDays = source["defaultExpiryDays"];
	        this.keyPrefix = source["keyPrefix"];
	        this.rotationDays = source["rotationDays"];
	        this.reminderDays = source["reminderDays"];
	        this.testEndpoint = this.convertValues(source["testEndpoint"], TestEndpoint);
	        this.metadata = source["metadata"];
	        this.keyCount = source["keyCount"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ProfileRequest {
	    name: string;
	    description: string;
	    defaultExpiryDays?: number;
	    keyPrefix: string;
	    rotationDays?: number;
	    reminderDays: number[];
	    testEndpoint?: TestEndpoint;
	    metadata: string;
	
	    static createFrom(source: any = {}) {
	        return new ProfileRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.defaultExpiryDays = source["defaultExpiryDays"];
	        this.keyPrefix = source["keyPrefix"];
	        this.rotationDays = source["rotationDays"];
	        this.reminderDays = source["reminderDays"];
	        this.testEndpoint = this.convertValues(source["testEndpoint"], TestEndpoint);
	        this.metadata = source["metadata"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RegenerateRequest {
	    changeExpiry: boolean;
	    expiresInDays?: number;
	
	    static createFrom(source: any = {}) {
	        return new RegenerateRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.changeExpiry = source["changeExpiry"];
	        this.expiresInDays = source["expiresInDays"];
	    }
	}
	export class Reminder {
	    id: number;
	    workspaceId: string;
	    keyId: string;
	    keyName: string;
	    kind: string;
	    threshold: number;
	    dueAt: string;
	    secretSince: string;
	    keyCreatedAt: string;
	    keyLastUsedAt: string;
	    neverUsed: boolean;
	    title: string;
	    message: string;
	    action: string;
	
	    static createFrom(source: any = {}) {
	        return new Reminder(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.workspaceId = source["workspaceId"];
	        this.keyId = source["keyId"];
	        this.keyName = source["keyName"];
	        this.kind = source["kind"];
	        this.threshold = source["threshold"];
	        this.dueAt = source["dueAt"];
	        this.secretSince = source["secretSince"];
	        this.keyCreatedAt = source["keyCreatedAt"];
	        this.keyLastUsedAt = source["keyLastUsedAt"];
	        this.neverUsed = source["neverUsed"];
	        this.title = source["title"];
	        this.message = source["message"];
	        this.action = source["action"];
	    }
	}
	export class ReminderSettings {
	    quietStart: number;
	    quietEnd: number;
	    leadDays: number[];
	    kinds: Record<string, boolean>;
	
	    static createFrom(source: any = {}) {
	        return new ReminderSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quietStart = source["quietStart"];
	        this.quietEnd = source["quietEnd"];
	        this.leadDays = source["leadDays"];
	        this.kinds = source["kinds"];
	    }
	}
	export class RotateRequest {
	    overlapDays: number;
	    autoRevoke: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RotateRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.overlapDays = source["overlapDays"];
	        this.autoRevoke = source["autoRevoke"];
	    }
	}
	export class RotatedKey {
	    key: Key;
	    secret: string;
	    previous: Key;
	
	    static createFrom(source: any = {}) {
	        return new RotatedKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = this.convertValues(source["key"], Key);
	        this.secret = source["secret"];
	        this.previous = this.convertValues(source["previous"], Key);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SearchResult {
	    workspaceId: string;
	    workspaceName: string;
	    key: Key;
	
	    static createFrom(source: any = {}) {
	        return new SearchResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.workspaceId = source["workspaceId"];
	        this.workspaceName = source["workspaceName"];
	        this.key = this.convertValues(source["key"], Key);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Settings {
	    dataDir: string;
	    keychainBackend: string;
	    keychainLabel: string;
	    keychainPersistent: boolean;
	    keychainProblem: string;
	    keychainLocked: boolean;
	    cacheRebuilt: string;
	    syncIntervalMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataDir = source["dataDir"];
	        this.keychainBackend = source["keychainBackend"];
	        this.keychainLabel = source["keychainLabel"];
	        this.keychainPersistent = source["keychainPersistent"];
	        this.keychainProblem = source["keychainProblem"];
	        this.keychainLocked = source["keychainLocked"];
	        this.cacheRebuilt = source["cacheRebuilt"];
	        this.syncIntervalMinutes = source["syncIntervalMinutes"];
	    }
	}
	
	
	
	export class TestResult {
	    at: string;
	    method: string;
	    url: string;
	    status: number;
	    statusText: string;
	    durationMs: number;
	    headers: Record<string, string>;
	    contentType: string;
	    body: string;
	    bodyBytes: number;
	    bodyTruncated: boolean;
	    isJson: boolean;
	    preview: string;
	    curl: string;
	    error: string;
	    errorKind: string;
	    location: string;
	
	    static createFrom(source: any = {}) {
	        return new TestResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.method = source["method"];
	        this.url = source["url"];
	        this.status = source["status"];
	        this.statusText = source["statusText"];
	        this.durationMs = source["durationMs"];
	        this.headers = source["headers"];
	        this.contentType = source["contentType"];
	        this.body = source["body"];
	        this.bodyBytes = source["bodyBytes"];
	        this.bodyTruncated = source["bodyTruncated"];
	        this.isJson = source["isJson"];
	        this.preview = source["preview"];
	        this.curl = source["curl"];
	        this.error = source["error"];
	        this.errorKind = source["errorKind"];
	        this.location = source["location"];
	    }
	}
	export class UpdateKeyRequest {
	    name?: string;
	    enabled?: boolean;
	    profileId?: string;
	
	    static createFrom(source: any = {}) {
	        return new UpdateKeyRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.enabled = source["enabled"];
	        this.profileId = source["profileId"];
	    }
	}
	export class UsageDay {
	    date: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new UsageDay(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.date = source["date"];
	        this.count = source["count"];
	    }
	}
	export class Usage {
	    days: UsageDay[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Usage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.days = this.convertValues(source["days"], UsageDay);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Workspace {
	    id: string;
	    name: string;
	    kind: string;
	    serverUrl: string;
	    workspaceId: string;
	    role: string;
	    online: boolean;
	    offlineSince?: string;
	    lastSyncedAt?: string;
	    lastError: string;
	    syncProblem: string;
	    keyCount: number;
	    canManage: boolean;
	    allowInsecure: boolean;
	    caFile: string;
	    maxExpiryDays: number;
	    allowNeverExpires: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Workspace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.serverUrl = source["serverUrl"];
	        this.workspaceId = source["workspaceId"];
	        this.role = source["role"];
	        this.online = source["online"];
	        this.offlineSince = source["offlineSince"];
	        this.lastSyncedAt = source["lastSyncedAt"];
	        this.lastError = source["lastError"];
	        this.syncProblem = source["syncProblem"];
	        this.keyCount = source["keyCount"];
	        this.canManage = source["canManage"];
	        this.allowInsecure = source["allowInsecure"];
	        this.caFile = source["caFile"];
	        this.maxExpiryDays = source["maxExpiryDays"];
	        this.allowNeverExpires = source["allowNeverExpires"];
	    }
	}
	
	export class WorkspaceRequest {
	    serverUrl: string;
	    workspaceId: string;
	    accessKey: string;
	    allowInsecure: boolean;
	    caFile: string;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.serverUrl = source["serverUrl"];
	        this.workspaceId = source["workspaceId"];
	        this.accessKey = source["accessKey"];
	        this.allowInsecure = source["allowInsecure"];
	        this.caFile = source["caFile"];
	    }
	}

}

