export namespace app {
	
	export class CreateKeyRequest {
	    name: string;
	    role: string;
	    expiresInDays?: number;
	
	    static createFrom(source: any = {}) {
	        return new CreateKeyRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.expiresInDays = source["expiresInDays"];
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
	    rotatedFrom: string;
	    createdBy: string;
	    updatedAt: string;
	
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
	        this.rotatedFrom = source["rotatedFrom"];
	        this.createdBy = source["createdBy"];
	        this.updatedAt = source["updatedAt"];
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
	    keyCount: number;
	
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
	        this.keyCount = source["keyCount"];
	    }
	}

}

