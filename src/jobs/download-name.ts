/**
 * The name a browser download gets. Unit names come from other people's files, so the name is
 * cleaned here: characters Windows refuses and control characters become "_", bidirectional
 * controls (which can make "报表‮xslx.exe" look like "报表exe.xlsx") are dropped, and a long
 * name is cut in its stem so the extension always survives.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what must go
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
/** Windows device names, refused as file names whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
/**
 * In UTF-8 bytes: most file systems allow 255 per name; Chinese takes 3 bytes a character, and
 * the browser may add " (1)" for a repeated name.
 */
export const MAX_NAME_BYTES = 200;

export function downloadName(stem: string, extension = ".xlsx", fallback = "月报表"): string {
  let s = stem.replace(BIDI, "").replace(FORBIDDEN, "_").trim();
  // Windows drops trailing dots and spaces, which would move the extension.
  s = s.replace(/[. ]+$/, "");
  if (!s) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  const room = MAX_NAME_BYTES - utf8Length(extension);
  return `${cutToBytes(s, room).replace(/[. ]+$/, "") || fallback}${extension}`;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** The longest prefix of `s` within `bytes` UTF-8 bytes, never splitting a character. */
function cutToBytes(s: string, bytes: number): string {
  let used = 0;
  let out = "";
  for (const ch of s) {
    const n = utf8Length(ch);
    if (used + n > bytes) break;
    used += n;
    out += ch;
  }
  return out;
}
