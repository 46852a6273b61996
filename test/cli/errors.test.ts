/**
 * A user's mistake on the command line: one line in Chinese (English with --lang en) naming the
 * path and what to do, exit 2, nothing written and no temporary file left, found before any
 * input is read.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { FIXTURES, run, tempDir, type Run } from "./support";

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir("errors")));
afterEach(() => t.remove());

const p = (name: string) => join(t.dir, name);
/** An input that exists: its content never matters here, since every refusal comes before reading. */
const unitFile = (name = "云集镇.xlsx") => {
  writeFileSync(p(name), "never read");
  return p(name);
};
const TEXT_AS_XLSX = join(FIXTURES, "text-renamed.xlsx");

/** Exit 2, exactly one line on stderr, nothing on stdout, and no temporary file in the folder. */
function refused(r: Run, ...parts: (string | RegExp)[]): string {
  expect({ code: r.code, out: r.out, lines: r.err.length }).toEqual({ code: 2, out: [], lines: 1 });
  for (const part of parts) expect(r.err[0]).toMatch(part);
  expect(readdirSync(t.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  return r.err[0];
}

const template = (out: string, ...more: string[]) => run(["template", "--period", "2018-07", "--unit", "云集镇", "--out", out, ...more]);

describe("--out problems, before any input is read", () => {
  it("a folder that does not exist", async () => {
    const out = p("没有的目录/x.xlsx");
    refused(await template(out), `输出文件“${out}”所在的文件夹“${p("没有的目录")}”不存在。请先建立该文件夹`);
    refused(
      await template(out, "--lang", "en"),
      `The folder "${p("没有的目录")}" of the output file "${out}" does not exist. Create it first`,
    );
  });

  it("an existing folder, with or without --force; the folder is left as it was", async () => {
    mkdirSync(p("报表"));
    writeFileSync(p("报表/留着.txt"), "x");
    refused(await template(p("报表")), `输出路径“${p("报表")}”是一个文件夹`, "--force 也不会替换文件夹");
    refused(await template(p("报表"), "--force"), "是一个文件夹");
    refused(await template(p("报表") + "/", "--force", "--lang", "en"), `The output "${p("报表")}" is a folder`);
    expect(readdirSync(p("报表"))).toEqual(["留着.txt"]);
  });

  it("a name too long once the temporary suffix is added (fine alone: 250 bytes)", async () => {
    const out = p("月".repeat(80) + "x.xlsx"); // 80 × 3 + 6 = 246 bytes
    refused(await template(out), "过长", "262字节", "上限255字节", "请用短一些的文件名");
    // A whole path too long, each name in it short enough.
    const deep = p(Array.from({ length: 42 }, () => "月".repeat(33)).join("/") + "/x.xlsx");
    refused(await template(deep, "--lang", "en"), "is too long", "the limit is 4095");
  });

  it("a device such as /dev/full, with or without --force", async () => {
    refused(await template("/dev/full"), "输出路径“/dev/full”是设备或其他特殊文件");
    refused(await template("/dev/full", "--force", "--lang", "en"), 'The output "/dev/full" is a device or another special file');
  });

  it("a dangling symbolic link, with or without --force", async () => {
    symlinkSync(p("不存在的目标.xlsx"), p("链接.xlsx"));
    refused(await template(p("链接.xlsx")), "是指向不存在位置的符号链接");
    refused(await template(p("链接.xlsx"), "--force"), "是指向不存在位置的符号链接");
    expect(existsSync(p("不存在的目标.xlsx"))).toBe(false);
  });

  it("a symbolic link to a file: refused without --force; with --force the link is replaced, its target kept", async () => {
    writeFileSync(p("目标.xlsx"), "old");
    symlinkSync(p("目标.xlsx"), p("链接.xlsx"));
    refused(await template(p("链接.xlsx")), `输出路径“${p("链接.xlsx")}”是一个符号链接`, "--force");
    const forced = await template(p("链接.xlsx"), "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(p("目标.xlsx"), "utf8")).toBe("old");
    expect(readFileSync(p("链接.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("an existing file without --force", async () => {
    writeFileSync(p("已有.xlsx"), "old");
    refused(await template(p("已有.xlsx")), `输出文件“${p("已有.xlsx")}”已存在。请换一个文件名，或加 --force 覆盖。`);
    expect(readFileSync(p("已有.xlsx"), "utf8")).toBe("old");
  });

  it("--out and --json naming the same file", async () => {
    const f = unitFile();
    refused(
      await run(["merge", f, "--period", "2018-07", "--out", p("a.xlsx"), "--json", p("a.xlsx")]),
      "--out 和 --json 不能是同一个文件",
    );
  });

  it("is found before the inputs are read: an unreadable input is not reported, the output is", async () => {
    const msg = refused(await run(["validate", TEXT_AS_XLSX, "--json", p("没有/结果.json")]), "所在的文件夹");
    expect(msg).not.toContain("工作簿");
    refused(await run(["merge", TEXT_AS_XLSX, "--period", "2018-07", "--out", "/dev/full"]), "/dev/full");
  });
});

describe("missing inputs are the user's mistake, not a unit's unreadable report", () => {
  it("validate, fill (file and --prior) and merge (--roster, --prior, a unit file) refuse before any work", async () => {
    const good = unitFile();
    const missing = p("没有这个文件.xlsx");
    const says = `找不到文件“${missing}”。请检查路径和文件名。`;
    refused(await run(["validate", good, missing, "--period", "2018-07"]), says);
    refused(await run(["fill", missing, "--period", "2018-07", "--out", p("f.xlsx")]), says);
    refused(await run(["fill", good, "--prior", missing, "--period", "2018-07", "--out", p("f.xlsx")]), says);
    refused(await run(["merge", good, missing, "--period", "2018-07", "--out", p("m.xlsx")]), says);
    refused(await run(["merge", good, "--roster", missing, "--period", "2018-07", "--out", p("m.xlsx")]), says);
    refused(await run(["merge", good, "--prior", missing, "--period", "2018-07", "--out", p("m.xlsx")]), says);
    refused(
      await run(["merge", good, missing, "--period", "2018-07", "--out", p("m.xlsx"), "--lang", "en"]),
      `File "${missing}" was not found. Check the path and the name.`,
    );
    expect(existsSync(p("f.xlsx")) || existsSync(p("m.xlsx"))).toBe(false);
  });

  it("a folder given as an input file", async () => {
    mkdirSync(p("报表"));
    refused(await run(["merge", p("报表"), "--period", "2018-07", "--out", p("m.xlsx")]), `“${p("报表")}”是文件夹或设备，不是文件`);
  });
});

describe("option values and options a command does not take", () => {
  it.each(["template", "validate", "fill", "merge"])("%s refuses --period 2018-13 in the same words", async (command) => {
    const f = unitFile();
    const argv = [command, ...(command === "template" ? [] : [f]), "--period", "2018-13"];
    if (command !== "validate") argv.push("--out", p("o.xlsx"));
    refused(await run(argv), "无法识别报表月份“2018-13”。请写成年-月，月份为1至12，例如 --period 2018-07。");
    refused(await run([...argv, "--lang", "en"]), '"2018-13" is not a report month.');
  });

  it("template --roster is refused with the list of options template takes", async () => {
    const msg = refused(await template(p("t.xlsx"), "--roster", "x"), "template 命令没有 --roster 选项。可用的选项：");
    expect(msg).toBe("template 命令没有 --roster 选项。可用的选项：--period --unit --out --force --lang --help --version。");
    expect(existsSync(p("t.xlsx"))).toBe(false);
    refused(await template(p("t.xlsx"), "--json", "x.json", "--lang", "en"), "template takes no --json option. It takes: --period");
    refused(await run(["validate", "a.xlsx", "--nonsense"]), "validate 命令没有 --nonsense 选项");
  });

  it("bad values: --lang, --mode, --deadline-day, a flag given a value, files template does not take", async () => {
    refused(await template(p("t.xlsx"), "--lang", "fr"), "--lang 不能为“fr”，应为 zh、en 之一。");
    refused(await run(["fill", "a.xlsx", "--period", "2018-07", "--mode", "x", "--out", p("o.xlsx")]), "--mode 不能为“x”");
    refused(await run(["validate", "a.xlsx", "--deadline-day", "0"]), "--deadline-day 应为1至31的整数（现为“0”）。");
    refused(await template(p("t.xlsx"), "--force=yes"), "--force 不带取值");
    refused(await run(["template", "a.xlsx", "--period", "2018-07", "--out", p("t.xlsx")]), "template 命令不读取文件");
    refused(await run(["fill", "a.xlsx", "b.xlsx", "--period", "2018-07", "--out", p("t.xlsx")]), "fill 命令只处理一个文件（现有2个）");
  });

  it("an unknown command lists the commands", async () => {
    refused(await run(["mergee"]), "未知命令“mergee”。可用的命令：template、validate、fill、merge。");
  });
});
