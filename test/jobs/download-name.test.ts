import { MAX_NAME_BYTES, downloadName } from "../../src/jobs/download-name";

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe("download names", () => {
  it("keeps a plain name as it is", () => {
    expect(downloadName("云集镇-2018-07")).toBe("云集镇-2018-07.xlsx");
    expect(downloadName("报表", "-累计.xlsx")).toBe("报表-累计.xlsx");
  });

  it("cuts a long unit name, never the .xlsx, and never inside a character", () => {
    const long = "衡南县".repeat(60) + "😀".repeat(20);
    const name = downloadName(`${long}-2018-07`);
    expect(name.endsWith(".xlsx")).toBe(true);
    expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const emoji = downloadName("😀".repeat(100));
    expect(emoji).toMatch(/^(😀)+\.xlsx$/u);
  });

  it("drops bidirectional controls so the extension cannot be disguised", () => {
    const name = downloadName("云集镇\u202Exslx.exe\u202C\u2066\u2067\u2068\u2069\u202A\u202B\u202D");
    expect(name).toBe("云集镇xslx.exe.xlsx");
    expect(name).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("replaces characters Windows refuses, and device names and trailing dots", () => {
    expect(downloadName('a/b\\c:d*e?f"g<h>i|j\u0001k')).toBe("a_b_c_d_e_f_g_h_i_j_k.xlsx");
    expect(downloadName("CON")).toBe("_CON.xlsx");
    expect(downloadName("报表. . ")).toBe("报表.xlsx");
    expect(downloadName("  \u202E ")).toBe("月报表.xlsx");
  });
});
