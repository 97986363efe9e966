/**
 * The 「提出」 panel of a form page an office files (server/pages/filing-panel.ts): it asks the server for the person's
 * 一時保存 and shows it, saves while the person types (debounced, versioned — a newer draft saved from another tab is
 * never overwritten: the server refuses and the panel says so), warns before leaving with unsaved changes, uploads each
 * 添付書類 into the draft, fills 「前回の届出から作成」, and on 「提出する」 checks everything and opens the 確認画面.
 */
import type { FormDefinition } from '../src/forms/definition.ts';
import { getAt, isBlank } from '../src/forms/fields.ts';
import { officeMessages as o } from '../src/messages/office-pages.ts';
import { ui } from '../src/messages/form-page.ts';
import { jstTimeOfDay } from '../src/submissions/clock.ts';
import type { Data } from './data-model.ts';

/** A pause in typing this long saves the draft: often enough that little is lost, rarely enough for the server. */
const AUTOSAVE_MS = 1500;

/** Fired on the form when its data was replaced at once (a JSON file loaded), so the draft is saved. */
export const DATA_REPLACED = 'yoshiki:data-replaced';

/** What the panel needs from the fillable form (web/form.ts). */
export interface FormHost {
  form: HTMLFormElement;
  definition: FormDefinition;
  data(): Data;
  /** Shows `data` in the boxes (rows added as needed) and checks it. */
  show(data: Data): void;
  /** Checks everything; false (with the error summary focused) when there are errors. */
  checkAll(): boolean;
}

interface DraftAnswer {
  draft: { version: number; data: Data; savedAt: string; revises: string | null } | null;
  attachments: { slot: number; name: string; fileName: string; size: number }[];
}

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

/** The CSRF token the page carries (a person's session), sent with every state-changing request. */
function csrfHeaders(): Record<string, string> {
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  return token ? { 'x-csrf-token': token } : {};
}

async function errorMessage(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  return body?.error?.message ?? fallback;
}

export class OfficePanel {
  version = 0;
  /** Changes typed (counted) and the count the last successful save covered. */
  changes = 0;
  savedChanges = 0;
  stale = false;
  timer: ReturnType<typeof setTimeout> | undefined;
  saving: Promise<boolean> | undefined;
  registered: Record<string, unknown> = {};
  readonly status: HTMLElement;
  readonly base: string;

  constructor(
    readonly host: FormHost,
    readonly panel: HTMLElement,
  ) {
    this.status = panel.querySelector<HTMLElement>('[data-draft-status]')!;
    this.base = `/forms/${encodeURIComponent(host.definition.id)}`;
  }

  get dirty(): boolean {
    return this.changes !== this.savedChanges;
  }

  async start(): Promise<void> {
    const response = await fetch(`${this.base}/draft`, { headers: { accept: 'application/json' } }).catch(() => undefined);
    if (!response?.ok) {
      this.panel.querySelector<HTMLElement>('[data-signed-out]')!.hidden = false;
      return;
    }
    this.panel.querySelector<HTMLElement>('[data-signed-in]')!.hidden = false;
    const answer = (await response.json()) as DraftAnswer;
    if (answer.draft) {
      this.version = answer.draft.version;
      if (Object.keys(answer.draft.data).length) this.host.show(answer.draft.data);
      this.say(o.draftLoaded(jstTimeOfDay(answer.draft.savedAt)));
      if (answer.draft.revises) {
        const notice = this.panel.querySelector<HTMLElement>('[data-draft-revises]')!;
        notice.textContent = o.draftRevises(answer.draft.revises);
        notice.hidden = false;
      }
    }
    for (const a of answer.attachments) this.showAttachment(a.slot, o.attachmentKept(a.fileName, kb(a.size)));

    this.host.form.addEventListener('input', (e) => this.typed(e));
    this.host.form.addEventListener('change', (e) => {
      this.typed(e);
      this.fillRegistered(e);
    });
    this.host.form.addEventListener(DATA_REPLACED, () => this.changed());
    // Rows added or removed change the data too.
    this.host.form.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('[data-add-row], [data-remove-row]')) this.changed();
    });
    window.addEventListener('beforeunload', (e) => {
      if (!this.dirty || this.stale) return;
      e.preventDefault();
      e.returnValue = o.unsavedLeave; // older browsers show their own wording; setting it is what asks
    });
    this.panel.querySelector('[data-draft-save]')!.addEventListener('click', () => void this.save());
    this.panel.querySelector('[data-prefill]')!.addEventListener('click', () => void this.prefill());
    this.panel.querySelector('[data-submit-filing]')!.addEventListener('click', () => void this.submit());
    for (const input of this.panel.querySelectorAll<HTMLInputElement>('[data-attachment-slot]')) input.addEventListener('change', () => void this.upload(input));
    this.host.form.dataset.draftReady = 'true'; // for browser tests
  }

  say(text: string): void {
    this.status.textContent = text;
  }

  typed(event: Event): void {
    if (!(event.target as HTMLElement).dataset?.path) return;
    this.changed();
  }

  changed(): void {
    this.changes++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /** Saves now (waits for a save in flight first); true when what is on screen is saved. */
  async save(): Promise<boolean> {
    clearTimeout(this.timer);
    if (this.stale) return false;
    while (this.saving) await this.saving;
    if (!this.dirty && this.version > 0) return true;
    this.saving = this.put().finally(() => (this.saving = undefined));
    return this.saving;
  }

  private async put(): Promise<boolean> {
    const covered = this.changes;
    this.say(o.draftSaving);
    try {
      const response = await fetch(`${this.base}/draft`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...csrfHeaders() },
        body: JSON.stringify({ version: this.version, data: this.host.data() }),
      });
      if (response.status === 409) {
        this.stale = true;
        this.say('');
        this.alert(await errorMessage(response, o.draftFailed));
        return false;
      }
      if (!response.ok) {
        this.say(await errorMessage(response, o.draftFailed));
        return false;
      }
      const saved = (await response.json()) as { version: number; savedAt: string };
      this.version = saved.version;
      this.savedChanges = covered;
      this.say(o.draftSaved(jstTimeOfDay(saved.savedAt)));
      return true;
    } catch {
      this.say(o.draftFailed);
      return false;
    }
  }

  /** A message that must be read now (a newer draft elsewhere): an alert region above the buttons. */
  alert(text: string): void {
    let box = this.panel.querySelector<HTMLElement>('[data-draft-alert]');
    if (!box) {
      box = document.createElement('div');
      box.className = 'error-summary';
      box.setAttribute('role', 'alert');
      box.dataset.draftAlert = '';
      box.tabIndex = -1;
      this.status.before(box);
    }
    box.textContent = text;
    box.focus();
  }

  async prefill(): Promise<void> {
    const response = await fetch(`${this.base}/previous`, { headers: { accept: 'application/json' } }).catch(() => undefined);
    if (!response) return this.say(ui.networkFailed);
    if (!response.ok) return this.say(await errorMessage(response, o.draftFailed));
    const prefill = (await response.json()) as { data: Data; from: string; registered: Record<string, unknown> };
    const current = this.host.data();
    if (Object.keys(current).length > 0 && !window.confirm(o.prefillConfirm)) return;
    this.registered = prefill.registered;
    this.host.show(prefill.data);
    const registered = Object.keys(prefill.registered).length > 0;
    this.say(registered ? o.prefilledRegistered(prefill.from) : o.prefilled(prefill.from));
    this.changed();
  }

  /** 変更届: writing a row's 変更後 fills its empty 変更前 with what is registered now. */
  fillRegistered(event: Event): void {
    const path = (event.target as HTMLElement).dataset?.path;
    if (!path || Object.keys(this.registered).length === 0) return;
    const match = /^(.*)\.after(\.|$)/.exec(path);
    const before = match && `${match[1]}.before`;
    if (!before || !(before in this.registered)) return;
    const data = this.host.data();
    if (!isBlank(getAt(data, before)) && !(Array.isArray(getAt(data, before)) && (getAt(data, before) as unknown[]).length === 0)) return;
    const value = this.registered[before];
    if (value === undefined || value === null) return;
    const parts = before.split('.');
    let node = data as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
    this.host.show(data);
    this.changed();
  }

  showAttachment(slot: number, text: string, error = false): void {
    const current = this.panel.querySelector<HTMLElement>(`[data-attachment-current="${slot}"]`);
    if (!current) return;
    current.textContent = text;
    current.classList.toggle('error-message', error);
  }

  async upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const slot = Number(input.dataset.attachmentSlot);
    const name = input.dataset.attachmentName ?? '';
    // The draft exists on the server before its attachment (the attachment is kept with it).
    if (!(await this.save())) return;
    this.showAttachment(slot, o.attachmentUploading(name));
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const response = await fetch(`${this.base}/draft/attachments/${slot}`, { method: 'POST', headers: csrfHeaders(), body });
      if (!response.ok) {
        const message = await errorMessage(response, o.draftFailed);
        this.showAttachment(slot, message, true);
        this.say(message);
        input.value = '';
        return;
      }
      const answer = (await response.json()) as { attachment: { fileName: string; size: number }; message: string };
      this.showAttachment(slot, o.attachmentKept(answer.attachment.fileName, kb(answer.attachment.size)));
      this.say(answer.message);
      input.value = '';
    } catch {
      this.showAttachment(slot, ui.networkFailed, true);
    }
  }

  /** 「提出する」: everything checked here first (errors stay on this page), then saved, then the 確認画面. */
  async submit(): Promise<void> {
    if (!this.host.checkAll()) return;
    if (!(await this.save())) return;
    location.assign(`${this.base}/confirm`);
  }
}
