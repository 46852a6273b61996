/** Who sends the 催报 text and whose name heads the county total. */
export function officeName(lang: Lang): string {
  return lang === "zh" ? "县安委办" : "County safety office";
}
import type { Lang } from "../form/lang";
