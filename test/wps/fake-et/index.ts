/**
 * An in-memory WPS 表格 (ET object model) for tests and for the browser test, where it is
 * injected as window.Application. Typed against et-jsapi-declare through src/wps/et.ts.
 *
 *   const book = new FakeEtBook();
 *   book.addSheet("Sheet1");
 *   installFakeEt(window, book);        // window.Application, window.wps
 *   ... book.calls, book.view("Sheet1", "B2"), book.failAfter(12), book.userEdit(...)
 */
export { FakeEtBook, FakeEtSheet, EtError, parseRect, a1 } from "./model";
export type { FakeEtOptions, Scalar, Rect, FakeName } from "./model";
export { installFakeEt, unmodelled, FakeApplication } from "./objects";
