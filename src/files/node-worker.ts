/**
 * A parsing worker of the command line (worker_threads): bytes in, grids or a typed error out,
 * through the same read-any dispatch as the main thread (the legacy parser required on first
 * use). Started by node-pool.ts; see pool.ts for the messages.
 */
import { parentPort } from "worker_threads";
import { nodeSheetJs, readFileBytesSync } from "./node";
import { answer, READY, type ParseRequest } from "./pool";
import { readAnyWorkbook } from "./read-any";

const port = parentPort;
if (port) {
  port.on("message", (req: ParseRequest) => {
    void answer(
      req,
      (bytes, name) => readAnyWorkbook(bytes, name, nodeSheetJs),
      (path) => readFileBytesSync(path),
    ).then((reply) => port.postMessage(reply));
  });
  port.postMessage(READY);
}
