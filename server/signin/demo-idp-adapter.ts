/**
 * Where the demo provider keeps its sessions, interactions, codes and tokens: memory, on purpose (the demo's sign-ins
 * need not survive a restart). oidc-provider's own quick-start adapter does the same but warns at every start that it
 * must be replaced — which for a real provider is right, and is why yoshiki never uses the demo provider when
 * YOSHIKI_OIDC_ISSUER is set. The adapter interface is oidc-provider's (one instance per model name).
 */
type Payload = Record<string, unknown> & { uid?: string; grantId?: string; userCode?: string; consumed?: number };

const entries = new Map<string, { payload: Payload; expiresAt: number }>();

export class DemoIdpAdapter {
  constructor(private readonly model: string) {}

  private key(id: string) {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: Payload, expiresIn: number): Promise<void> {
    entries.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
    // Drop what has expired, so the map does not grow with every sign-in.
    for (const [k, v] of entries) if (v.expiresAt <= Date.now()) entries.delete(k);
  }

  async find(id: string): Promise<Payload | undefined> {
    const e = entries.get(this.key(id));
    return e && e.expiresAt > Date.now() ? e.payload : undefined;
  }

  private async findBy(field: 'uid' | 'userCode', value: string): Promise<Payload | undefined> {
    for (const [k, e] of entries) if (k.startsWith(`${this.model}:`) && e.payload[field] === value && e.expiresAt > Date.now()) return e.payload;
    return undefined;
  }

  findByUid(uid: string) {
    return this.findBy('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findBy('userCode', userCode);
  }

  async consume(id: string): Promise<void> {
    const e = entries.get(this.key(id));
    if (e) e.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [k, e] of entries) if (e.payload.grantId === grantId) entries.delete(k);
  }
}
