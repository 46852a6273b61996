/** The two languages every face speaks, Chinese first. */
export type Lang = "zh" | "en";

/** A text in both languages: a catalogue entry missing either one fails to compile. */
export type Bilingual<T = string> = { readonly [L in Lang]: T };
