/**
 * The certificate repository: the part of the `LedgerStore` port that keeps the
 * certificates issued, to check a verification code against. Written once.
 *
 * @since 0.4.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { IdempotencyKey } from "../idempotency/Idempotency.js"
import type { Certificate } from "./Certificate.js"

/**
 * @since 0.4.0
 * @category ports
 */
export interface CertificateRepository {
  /** Inserts certificates; a key or code that exists fails. */
  readonly addCertificates: (rows: ReadonlyArray<Certificate>) => Effect.Effect<void, StoreError>
  /** The certificates issued under any of the keys, ordered by key. */
  readonly certificatesByKeys: (tenant: Tenant, keys: ReadonlyArray<IdempotencyKey>) => Effect.Effect<ReadonlyArray<Certificate>, StoreError>
  /** The certificates of the codes that exist, ordered by code. */
  readonly certificatesOf: (tenant: Tenant, codes: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Certificate>, StoreError>
}
