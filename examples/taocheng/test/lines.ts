/**
 * What the report tests share: a printed line found by its label.
 */

/** The printed line that starts with a label, without its indent ("" when none does). */
export const line = (output: string, label: string): string => output.split("\n").map((l) => l.trim()).find((l) => l.startsWith(label)) ?? ""
