/**
 * Text written as a stream of UTF-8 bytes, produced as it is read: the pieces of a
 * generator gathered into chunks of about `chunkChars` characters, so a roster of
 * 100 000 rows is never held whole.
 */
import type { ReportBackend } from "@jiceng/core"
import { Effect, Stream } from "effect"

/** About how many characters a chunk gathers before it is encoded and emitted. */
export const chunkChars = 16_384

function* gathered(pieces: Iterable<string>): Generator<string> {
  let buffer = ""
  for (const piece of pieces) {
    buffer += piece
    if (buffer.length >= chunkChars) {
      yield buffer
      buffer = ""
    }
  }
  if (buffer.length > 0) yield buffer
}

/**
 * The bytes of the pieces, after `check` succeeds: nothing is written when it fails.
 * Every run of the stream makes its pieces anew.
 */
export const stream = (
  check: Effect.Effect<void, ReportBackend.ReportError>,
  pieces: () => Iterable<string>
): Stream.Stream<Uint8Array, ReportBackend.ReportError> => {
  const encoder = new TextEncoder()
  return Stream.unwrap(
    Effect.as(check, Stream.suspend(() => Stream.fromIteratorSucceed(gathered(pieces()), 1)).pipe(Stream.map((text) => encoder.encode(text))))
  )
}
