/**
 * The pane's parsing worker (a Web Worker, its own chunk): bytes in, grids or a typed error out,
 * through the same read-any dispatch as the page (the project's .xlsx reader; the legacy parser
 * fetched as a chunk the first time such a file is met). The page ends this worker when a file
 * takes longer than the time limit, so no file can freeze the pane or Excel. See
 * src/files/pool.ts for the messages.
 */
import { answer, READY, type ParseRequest } from "../files/pool";
import { readAnyWorkbookAsync } from "../files/read-any";
import { loadSheetJs } from "../jobs/sheetjs-loader";

/** The worker's global scope, as far as it is used here (the DOM typings do not describe it). */
interface WorkerScope {
  onmessage: ((e: { data: ParseRequest }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (e) => {
  void answer(e.data, (bytes, name) => readAnyWorkbookAsync(bytes, name, loadSheetJs)).then((reply) => scope.postMessage(reply));
};
scope.postMessage(READY);
