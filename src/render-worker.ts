/**
 * A render thread (src/render/pool.ts starts it from dist/render-worker.js, the compiled form of this file): draws what
 * the pool hands it, one task at a time. The modules and the print font load once when the thread starts, so a task pays
 * only for its own drawing. It sits above every floor it serves (render, fillable, submissions, batch), like the CLI.
 */
import { renderChunk, type ChunkTask } from './batch/render-chunk.ts';
import { renderFillablePdf, type FillableTask } from './fillable/fillable-pdf.ts';
import { getDefinition } from './forms/registry.ts';
import { printFont } from './render/font.ts';
import type { RenderTask } from './render/pool.ts';
import { renderDocument, type DocumentTask, type RenderedFiles } from './render/render.ts';
import { renderReceiptPdf, type ReceiptTask } from './submissions/receipt-pdf.ts';

type Task = DocumentTask | FillableTask | ReceiptTask | ChunkTask;

async function renderFiles(task: DocumentTask): Promise<RenderedFiles> {
  const { result, pdf, xlsx } = await renderDocument(task.form, task.data, task.options);
  return { result, pdf, xlsx };
}

export default function runTask(given: RenderTask): Promise<unknown> {
  const task = given as Task;
  switch (task.kind) {
    case 'document':
      return renderFiles(task);
    case 'fillable':
      return renderFillablePdf(getDefinition(task.form));
    case 'receipt':
      return renderReceiptPdf(task.receipt);
    case 'batch-chunk':
      return renderChunk(task.job);
    default:
      return Promise.reject(new Error(`unknown render task kind: ${given.kind}`));
  }
}

// Parsed now, while the thread starts, rather than during its first task.
printFont();
