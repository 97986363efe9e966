/**
 * Findings on the page, in the GOV.UK error-summary pattern: each message beside the box its `path` names (linked by
 * aria-describedby, the box marked aria-invalid) and all of them in a summary at the top whose links move focus to the box.
 * A finding on a row or a list (`allocations`) goes to the nearest wrapper that carries its path; a document-level finding
 * (path '') is in the summary only.
 */
import { ui } from '../src/messages/form-page.ts';

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
}

const CONTROL = 'input:not([type=file]), select, textarea';

export class FindingsView {
  private readonly baseTitle = document.title;

  constructor(
    readonly form: HTMLFormElement,
    readonly errorSummary: HTMLElement,
    readonly warningSummary: HTMLElement,
  ) {
    for (const summary of [errorSummary, warningSummary]) summary.addEventListener('click', (e) => this.followLink(e));
  }

  /** The wrapper for a path: the box itself, else its row, else its list, … ; none for the whole document. */
  wrapperFor(path: string): HTMLElement | undefined {
    const wrappers = Array.from(this.form.querySelectorAll<HTMLElement>('[data-field-for]'));
    for (let parts = path.split('.'); parts.length && parts[0] !== ''; parts = parts.slice(0, -1)) {
      const at = parts.join('.');
      const found = wrappers.find((w) => w.dataset.fieldFor === at);
      if (found) return found;
    }
    return undefined;
  }

  /** Where focus goes from the summary: the first box of the wrapper, or its add-row button when a list has no rows. */
  focusTarget(wrapper: HTMLElement): HTMLElement | undefined {
    return wrapper.querySelector<HTMLElement>(CONTROL) ?? wrapper.querySelector<HTMLElement>('button') ?? undefined;
  }

  clear(): void {
    for (const slot of this.form.querySelectorAll<HTMLElement>('.field-messages')) {
      slot.replaceChildren();
      slot.hidden = true;
    }
    for (const el of this.form.querySelectorAll<HTMLElement>('.has-error, .has-warning')) el.classList.remove('has-error', 'has-warning');
    for (const el of this.form.querySelectorAll<HTMLElement>('[data-described-base]')) {
      const base = el.dataset.describedBase!;
      if (base) el.setAttribute('aria-describedby', base);
      else el.removeAttribute('aria-describedby');
      el.removeAttribute('data-described-base');
      el.removeAttribute('aria-invalid');
    }
  }

  show(findings: Finding[]): void {
    this.clear();
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    for (const finding of [...errors, ...warnings]) this.besideField(finding);
    this.summary(this.errorSummary, errors);
    this.summary(this.warningSummary, warnings);
  }

  besideField(finding: Finding): void {
    const wrapper = this.wrapperFor(finding.path);
    if (!wrapper) return;
    const slot = wrapper.querySelector<HTMLElement>('.field-messages');
    if (!slot) return;
    const error = finding.severity === 'error';
    const p = document.createElement('p');
    p.className = error ? 'error-message' : 'warning-message';
    const prefix = document.createElement('span');
    prefix.className = error ? 'visually-hidden' : 'warning-prefix';
    prefix.textContent = error ? ui.errorPrefix : ui.warningPrefix;
    p.append(prefix, finding.message);
    slot.append(p);
    slot.hidden = false;
    wrapper.classList.add(error ? 'has-error' : 'has-warning');
    // A fieldset (choices, a list, a 別紙 row) is described as a whole; a single box is described itself.
    const described = wrapper.tagName === 'FIELDSET' ? [wrapper] : Array.from(wrapper.querySelectorAll<HTMLElement>(CONTROL));
    for (const el of described) {
      if (!el.hasAttribute('data-described-base')) el.dataset.describedBase = el.getAttribute('aria-describedby') ?? '';
      const ids = new Set((el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      ids.add(slot.id);
      el.setAttribute('aria-describedby', [...ids].join(' '));
      if (error && el.tagName !== 'FIELDSET' && (el as HTMLInputElement).type !== 'radio') el.setAttribute('aria-invalid', 'true');
    }
  }

  summary(summary: HTMLElement, findings: Finding[]): void {
    const list = summary.querySelector('ul')!;
    list.replaceChildren(
      ...findings.map((finding) => {
        const li = document.createElement('li');
        const wrapper = this.wrapperFor(finding.path);
        const target = wrapper && this.focusTarget(wrapper);
        if (target?.id) {
          const a = document.createElement('a');
          a.href = `#${target.id}`;
          a.textContent = finding.message;
          li.append(a);
        } else li.textContent = finding.message;
        return li;
      }),
    );
    summary.hidden = findings.length === 0;
  }

  /** After a submit attempt with errors: the summary takes focus and the page title says so (GOV.UK pattern). */
  focusSummary(): void {
    document.title = `${ui.errorPrefix}${this.baseTitle}`;
    this.errorSummary.focus();
  }

  resetTitle(): void {
    document.title = this.baseTitle;
  }

  /** A summary link focuses its box and scrolls its label (or legend) into view, so the question is seen with the answer. */
  followLink(event: Event): void {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || !link.hash) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    const wrapper = target.closest<HTMLElement>('[data-field-for]');
    const label = wrapper?.querySelector('legend, label') ?? target;
    label.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }
}
