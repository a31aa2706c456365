/**
 * How a value of the model is written as text, the same in both formats: numbers in
 * plain decimal notation (never `1e-7`), dates as the model holds them, date-times with a
 * space for the `T`, which spreadsheets read as a date-time.
 */

/**
 * A number in plain decimal notation: JavaScript's shortest form that reads back as the
 * same number (`1200.5`, `0.123`), with an exponent form (`1e-7`, `1e+21`) written out.
 */
export const plain = (n: number): string => {
  const text = String(n)
  const e = text.indexOf("e")
  if (e < 0) return text
  const sign = text.startsWith("-") ? "-" : ""
  const [whole = "", fraction = ""] = text.slice(sign.length, e).split(".")
  const digits = whole + fraction
  const point = whole.length + Number(text.slice(e + 1))
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** A number with a fixed count of decimal places, in plain notation. */
export const fixed = (n: number, decimals: number): string => (Math.abs(n) < 1e21 ? n.toFixed(decimals) : plain(n))

const date = /^\d{4}-\d{2}-\d{2}$/
const dateTime = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/

/** Whether a text is a date as the model writes one (`YYYY-MM-DD`). */
export const isDate = (text: string): boolean => date.test(text)

/** A model's date-time (`YYYY-MM-DDTHH:mm`) as `YYYY-MM-DD HH:mm`; null for other text. */
export const dateTimeText = (text: string): string | null => {
  const match = dateTime.exec(text)
  return match === null ? null : `${match[1]} ${match[2]}`
}
