/**
 * Column widths: plans give Excel character units (what Excel's Column Width dialog shows);
 * Office.js format.columnWidth takes points. Excel renders a width of n characters as
 * trunc(n × maxDigitWidth + 5) pixels (5 px of padding; maxDigitWidth is 7 px for the default
 * 11-pt font), per ECMA-376 Part 1 §18.3.1.13 (col/@width), and 1 px = 0.75 pt at 96 dpi.
 */
const MAX_DIGIT_WIDTH_PX = 7;
const PADDING_PX = 5;

export function columnWidthPoints(chars: number): number {
  if (chars <= 0) return 0;
  const px = Math.trunc(chars * MAX_DIGIT_WIDTH_PX + PADDING_PX);
  return px * 0.75;
}
