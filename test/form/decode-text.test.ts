/**
 * Text in the encodings offices save it in. The GBK bytes come from Python's own codec (an
 * independent writer), as Windows Notepad on a Chinese system saves a roster: CRLF, no mark.
 */
import { execFileSync } from "child_process";
import { decodeText } from "../../src/form/decode-text";
import { describeError } from "../../src/form/problem-messages";
import { isProblemError } from "../../src/form/problems";
import { parseRosterText } from "../../src/form/roster";

const ROSTER = "# 衡南县 应报单位\r\n云集镇\r\n泉湖镇,泉湖镇人民政府\r\n茶市镇\r\n";
const encode = (codec: string, text: string): Uint8Array =>
  new Uint8Array(
    execFileSync("/usr/bin/python3", ["-c", `import sys; sys.stdout.buffer.write(sys.stdin.read().encode("${codec}"))`], { input: text }),
  );

describe("decodeText", () => {
  it("reads a GBK roster as Notepad saves it", () => {
    const bytes = encode("gbk", ROSTER);
    expect(new TextDecoder("utf-8").decode(bytes)).not.toContain("云集镇"); // would be mojibake
    const d = decodeText(bytes, "名册.txt");
    expect(d).toEqual({ text: ROSTER, encoding: "gb18030" });
    expect(parseRosterText(d.text).units.map((u) => u.name)).toEqual(["云集镇", "泉湖镇", "茶市镇"]);
  });

  it("reads UTF-8 with and without a mark, and UTF-16 LE/BE with a mark", () => {
    expect(decodeText(encode("utf-8", ROSTER), "a.txt")).toEqual({ text: ROSTER, encoding: "utf-8" });
    expect(decodeText(encode("utf-8-sig", ROSTER), "a.txt")).toEqual({ text: ROSTER, encoding: "utf-8" });
    expect(decodeText(encode("utf-16", ROSTER), "a.txt").text).toBe(ROSTER); // Python: mark + native (LE)
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...encode("utf-16-le", ROSTER)]), "a.txt")).toEqual({
      text: ROSTER,
      encoding: "utf-16le",
    });
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...encode("utf-16-be", ROSTER)]), "a.txt")).toEqual({
      text: ROSTER,
      encoding: "utf-16be",
    });
  });

  it("refuses bytes that are text in none of them, naming the file", () => {
    const bad = new Uint8Array([0x61, 0x80, 0xff, 0x0a]);
    let error: unknown;
    try {
      decodeText(bad, "名册.txt");
    } catch (e) {
      error = e;
    }
    expect(isProblemError(error) && error.code).toBe("text-encoding");
    expect(describeError(error, "zh")).toContain("文件“名册.txt”的文字编码无法识别");
    expect(describeError(error, "en")).toContain('File "名册.txt" is in a text encoding that cannot be read');
    // A mark followed by bytes that do not fit it is refused too, not guessed further.
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x00]), "x.txt")).toThrow(/text-encoding/);
  });
});
