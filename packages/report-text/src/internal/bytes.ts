/**
 * Text written as a stream of UTF-8 bytes, produced as it is read: the pieces of a
 * generator gathered into chunks of about `chunkChars` characters, so a roster of
 * 100 000 rows is never held whole. The model is checked first
 * (`ReportBackend.check`): a model that fails writes nothing.
 */
import { type Report, ReportBackend } from "@jiceng/core"
import { Effect, Either, Stream } from "effect"

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
 * The bytes of a report's pieces: the report is checked, then `pieces` gives the text
 * of the checked model (or a `ReportError`, before any byte). Every run of the stream
 * checks and makes its pieces anew.
 */
export const stream = (
  backend: string,
  report: Report.Report,
  pieces: (model: Report.Report) => Either.Either<Iterable<string>, ReportBackend.ReportError>
): Stream.Stream<Uint8Array, ReportBackend.ReportError> => {
  const encoder = new TextEncoder()
  return Stream.unwrap(Effect.suspend(() =>
    Either.map(
      Either.flatMap(ReportBackend.check(backend, report), pieces),
      (text) => Stream.fromIteratorSucceed(gathered(text), 1).pipe(Stream.map((chunk) => encoder.encode(chunk)))
    )
  ))
}
