/**
 * Repeatable rows (拠点コーディネーター, 配分, 出席者, 事業所, 氏名 …). A list may be laid out by several tables (each a
 * `[data-list]` container with its own `<template>`); they always show the same number of rows, because a row is one
 * element of the data, whichever columns a table asks for.
 */
import { getAt } from '../src/forms/fields.ts';
import { fillData, type Data } from './data-model.ts';

const INDEX = /__i__/g;
const ROW_NUMBER = /__n__/g;

export class Lists {
  constructor(readonly root: HTMLElement) {}

  containers(path: string): HTMLElement[] {
    return Array.from(this.root.querySelectorAll<HTMLElement>('[data-list]')).filter((c) => c.dataset.list === path);
  }

  paths(): string[] {
    return [...new Set(Array.from(this.root.querySelectorAll<HTMLElement>('[data-list]'), (c) => c.dataset.list!))];
  }

  rowsOf(container: HTMLElement): HTMLElement {
    return container.querySelector<HTMLElement>(':scope > .list-rows')!;
  }

  count(path: string): number {
    const first = this.containers(path)[0];
    return first ? this.rowsOf(first).children.length : 0;
  }

  max(path: string): number {
    return Number(this.containers(path)[0]?.dataset.max ?? Infinity) || Infinity;
  }

  /** Adds or removes rows at the end of every table of the list until each has `n`. */
  setCount(path: string, n: number): void {
    for (const container of this.containers(path)) {
      const rows = this.rowsOf(container);
      const template = container.querySelector<HTMLTemplateElement>(':scope > template')!;
      while (rows.children.length > n) rows.lastElementChild!.remove();
      while (rows.children.length < n) {
        const i = rows.children.length;
        const fresh = document.createElement('template');
        fresh.innerHTML = template.innerHTML.replace(INDEX, String(i)).replace(ROW_NUMBER, String(i + 1));
        rows.append(fresh.content);
      }
      container.querySelector<HTMLElement>(':scope > .list-empty')!.hidden = n > 0;
      const add = container.querySelector<HTMLButtonElement>(':scope > [data-add-row]')!;
      add.disabled = n >= this.max(path);
    }
  }

  /** Gives every list as many rows as the data has (at least one, so there is always a row to type in), then fills them. */
  show(data: Data): void {
    for (const path of this.paths()) {
      const value = getAt(data, path);
      this.setCount(path, Math.min(Math.max(1, Array.isArray(value) ? value.length : 0), this.max(path)));
    }
    fillData(this.root, data);
  }

  /** Removes element `index` of the list: later rows move up, in every table of the list. */
  remove(path: string, index: number, data: Data): void {
    const list = getAt(data, path);
    if (Array.isArray(list)) list.splice(index, 1);
    const n = Math.max(0, this.count(path) - 1);
    this.setCount(path, 0);
    this.setCount(path, n);
    fillData(this.root, data);
  }
}
