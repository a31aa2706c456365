/**
 * The volunteer ledger's repository port: the registry of volunteers and activities,
 * the entries with each tenant's chain head, points movements and certificates. Its
 * writes join the `Transactor`'s transaction.
 *
 * @since 0.4.0
 */
import { Context } from "effect"
import type { CertificateRepository } from "./CertificateRepository.js"
import type { EntryRepository } from "./EntryRepository.js"
import type { PointsRepository } from "./PointsRepository.js"
import type { RegistryRepository } from "./RegistryRepository.js"

/**
 * @since 0.4.0
 * @category models
 */
export interface LedgerStoreShape {
  readonly registry: RegistryRepository
  readonly entries: EntryRepository
  readonly points: PointsRepository
  readonly certificates: CertificateRepository
}

/**
 * @since 0.4.0
 * @category tags
 */
export class LedgerStore extends Context.Tag("@jiceng/core/LedgerStore")<LedgerStore, LedgerStoreShape>() {}
