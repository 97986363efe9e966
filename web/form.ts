/**
 * The fillable 様式 in the browser. It runs the same rule code as the CLI and the server (`validateDocument` from
 * src/validate.ts, pure) on the data built from the inputs, as the person types; it asks the server for the PDF or Excel
 * file and shows the server's findings the same way when it refuses (422). Nothing typed is ever lost: the page never
 * navigates away.
 */
import type { FormDefinition } from '../src/forms/definition.ts';
import { isoToday, parseDateInput } from '../src/text/wareki.ts';
import { validateDocument, type ValidationResult } from '../src/validate.ts';
import { ui } from '../src/messages/form-page.ts';
import { showComputed } from './computed-view.ts';
import { readData, related, type Data } from './data-model.ts';
import { fileNameFrom, readJsonFile, saveFile } from './files.ts';
import { FindingsView, type Finding } from './findings-view.ts';
import { Lists } from './lists.ts';
import { DATA_REPLACED, OfficePanel } from './office-panel.ts';

const DEBOUNCE_MS = 250;
const FORMATS = { pdf: 'PDF', xlsx: 'Excel' } as const;
type Format = keyof typeof FORMATS;

/** "Today" for the rules: `?today=YYYY-MM-DD` when it is a real date (tests), otherwise today in Japan. */
function todayFrom(search: string): string | undefined {
  const given = new URLSearchParams(search).get('today');
  if (!given || !/^\d{4}-\d{2}-\d{2}$/.test(given)) return undefined;
  const parsed = parseDateInput(given);
  return parsed.ok && parsed.iso === given ? given : undefined;
}

class FillableForm {
  readonly lists: Lists;
  readonly view: FindingsView;
  readonly status: HTMLElement;
  readonly announcer: HTMLElement;
  readonly givenToday = todayFrom(location.search);
  /** Paths the person has typed in: their findings show as they type; the rest wait for a download attempt. */
  touched = new Set<string>();
  showAll = false;
  /** Findings only the server makes (a character the print font lacks): kept until the box they name changes. */
  serverFindings: Finding[] = [];
  result: ValidationResult | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  busy = false;

  constructor(
    readonly form: HTMLFormElement,
    readonly definition: FormDefinition,
  ) {
    this.lists = new Lists(form);
    this.view = new FindingsView(form, document.getElementById('error-summary')!, document.getElementById('warning-summary')!);
    this.status = this.ensureStatus();
    this.announcer = document.getElementById('announcer')!;
    form.addEventListener('input', (e) => this.typed(e));
    form.addEventListener('change', (e) => this.typed(e));
    form.addEventListener('click', (e) => this.clicked(e));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
      void this.download(submitter?.value === 'xlsx' ? 'xlsx' : 'pdf');
    });
    form.querySelector<HTMLInputElement>('[data-load-json]')?.addEventListener('change', (e) => void this.load(e.target as HTMLInputElement));
    this.validate();
    form.dataset.ready = 'true'; // for browser tests: the rules are running
  }

  get today(): string {
    return this.givenToday ?? isoToday(new Date());
  }

  ensureStatus(): HTMLElement {
    const status = document.createElement('p');
    status.className = 'action-status';
    status.setAttribute('role', 'status');
    this.form.querySelector('.actions')!.append(status);
    return status;
  }

  data(): Data {
    return readData(this.form, this.definition);
  }

  typed(event: Event): void {
    const target = event.target as HTMLElement;
    const path = target.dataset?.path;
    if (!path) return;
    this.touched.add(path);
    this.serverFindings = this.serverFindings.filter((f) => f.path !== '' && !related(path, f.path));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.validate(), DEBOUNCE_MS);
  }

  shown(finding: Finding): boolean {
    if (this.showAll) return true;
    if (finding.path === '') return this.touched.size > 0;
    for (const path of this.touched) if (related(path, finding.path)) return true;
    return false;
  }

  validate(): ValidationResult {
    clearTimeout(this.timer);
    const { result, data } = validateDocument(this.definition, this.data(), { today: this.today });
    this.result = result;
    showComputed(this.form, this.definition, result.computed, data);
    const own = [...result.errors, ...result.warnings] as Finding[];
    const extra = this.serverFindings.filter((s) => !own.some((f) => f.rule === s.rule && f.path === s.path));
    this.view.show([...own, ...extra].filter((f) => this.shown(f) || extra.includes(f)));
    if (result.errors.length === 0 && extra.every((f) => f.severity !== 'error')) this.view.resetTitle();
    return result;
  }

  clicked(event: Event): void {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button');
    if (!button) return;
    if (button.hasAttribute('data-add-row')) this.addRow(button);
    else if (button.hasAttribute('data-remove-row')) this.removeRow(button);
    else if (button.hasAttribute('data-save-json')) this.save();
  }

  addRow(button: HTMLButtonElement): void {
    const container = button.closest<HTMLElement>('[data-list]')!;
    const path = container.dataset.list!;
    const n = this.lists.count(path) + 1;
    if (n > this.lists.max(path)) return;
    this.lists.setCount(path, n);
    this.announce(ui.rowAdded(container.dataset.listLabel ?? '', n));
    this.lists.rowsOf(container).lastElementChild?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    this.validate();
  }

  removeRow(button: HTMLButtonElement): void {
    const container = button.closest<HTMLElement>('[data-list]')!;
    const path = container.dataset.list!;
    const index = Number(button.closest<HTMLElement>('[data-row]')!.dataset.row);
    this.lists.remove(path, index, this.data());
    // Rows below the removed one move up: what was typed there keeps showing its findings.
    const prefix = `${path}.`;
    this.touched = new Set(
      [...this.touched].flatMap((t) => {
        if (!t.startsWith(prefix)) return [t];
        const [i, ...rest] = t.slice(prefix.length).split('.');
        const at = Number(i);
        if (at === index) return [];
        return [at > index ? [path, at - 1, ...rest].join('.') : t];
      }),
    );
    this.announce(ui.rowRemoved(container.dataset.listLabel ?? '', index + 1));
    const rows = this.lists.rowsOf(container).children;
    const next = rows[Math.min(index, rows.length - 1)];
    (next?.querySelector<HTMLElement>('input, select, textarea') ?? container.querySelector<HTMLElement>(':scope > [data-add-row]'))?.focus();
    this.validate();
  }

  announce(text: string): void {
    this.announcer.textContent = text;
  }

  say(text: string): void {
    this.status.textContent = text;
  }

  /** A download attempt checks everything; with errors the summary takes focus and nothing is sent. */
  async download(format: Format): Promise<void> {
    if (this.busy) return;
    this.showAll = true;
    const result = this.validate();
    if (!result.valid) {
      this.say('');
      this.view.focusSummary();
      return;
    }
    this.busy = true;
    this.say(ui.making(FORMATS[format]));
    try {
      const query = this.givenToday ? `?today=${this.givenToday}` : '';
      const response = await fetch(`/api/forms/${encodeURIComponent(this.definition.id)}/${format}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.data()),
      });
      if (response.ok) {
        const name = fileNameFrom(response.headers.get('content-disposition')) ?? `${this.definition.id}.${format}`;
        saveFile(await response.blob(), name);
        this.say(ui.downloaded(name));
        return;
      }
      const body = (await response.json().catch(() => undefined)) as { errors?: Finding[]; warnings?: Finding[]; error?: { message?: string } } | undefined;
      if (response.status === 422 && Array.isArray(body?.errors)) this.serverFindings = [...body.errors, ...(body.warnings ?? [])];
      else this.serverFindings = [{ rule: 'SERVER', severity: 'error', path: '', message: ui.serverFailed(response.status, body?.error?.message) }];
      this.say('');
      this.validate();
      this.view.focusSummary();
    } catch {
      this.serverFindings = [{ rule: 'NETWORK', severity: 'error', path: '', message: ui.networkFailed }];
      this.say('');
      this.validate();
      this.view.focusSummary();
    } finally {
      this.busy = false;
    }
  }

  /** Shows data from the server (a draft, the last filing) the way a loaded JSON file is shown: every finding visible. */
  show(data: Data): void {
    this.serverFindings = [];
    this.lists.show(data);
    this.showAll = true;
    this.validate();
  }

  /** Everything checked, as before a download; false with the error summary focused when something is wrong. */
  checkAll(): boolean {
    this.showAll = true;
    const result = this.validate();
    if (!result.valid) this.view.focusSummary();
    return result.valid;
  }

  save(): void {
    // A Japanese name, as the PDF and Excel files have: 「市川市地域生活支援拠点等届出書（入力内容）.json」.
    const name = ui.jsonFileName(this.definition.title);
    saveFile(new Blob([`${JSON.stringify(this.data(), null, 2)}\n`], { type: 'application/json' }), name);
    this.say(ui.saved(name));
  }

  async load(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    const read = await readJsonFile(file);
    input.value = ''; // the same file can be chosen again after editing it
    if (!read.ok || !read.value || typeof read.value !== 'object' || Array.isArray(read.value)) {
      this.serverFindings = [{ rule: 'LOAD', severity: 'error', path: '', message: read.ok ? ui.notAnObject(file.name) : ui.loadFailed(file.name) }];
      this.validate();
      this.view.focusSummary();
      return;
    }
    this.serverFindings = [];
    // Keys the 様式 does not have cannot be shown in a box: say which were left out rather than drop them silently.
    const unknown = validateDocument(this.definition, read.value, { today: this.today }).result.errors.filter((f) => f.rule === 'G-UNKNOWN').map((f) => f.path);
    this.lists.show(read.value as Data);
    this.showAll = true;
    this.validate();
    // What is on screen changed without typing: the 提出 panel saves it as the draft (web/office-panel.ts).
    this.form.dispatchEvent(new CustomEvent(DATA_REPLACED));
    this.say([ui.loaded(file.name), unknown.length ? ui.unknownSkipped(unknown.join('、')) : ''].join(''));
  }
}

const form = document.getElementById('yoshiki-form') as HTMLFormElement | null;
const definitionJson = document.getElementById('form-definition')?.textContent;
if (form && definitionJson) {
  const fillable = new FillableForm(form, JSON.parse(definitionJson) as FormDefinition);
  const panel = form.querySelector<HTMLElement>('[data-filing-panel]');
  if (panel) void new OfficePanel(fillable, panel).start();
}
