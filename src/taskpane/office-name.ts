/** Who sends the 催报 text and whose name heads the county total. */
export function officeName(lang: "zh" | "en"): string {
  return lang === "zh" ? "县安委办" : "County safety office";
}
