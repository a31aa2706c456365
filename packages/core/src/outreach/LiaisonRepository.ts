/**
 * The liaison repository: the part of the `OutreachStore` port that keeps 三联三服 links,
 * their contacts and the problems raised under them.
 *
 * @since 0.5.0
 */
import type { Effect } from "effect"
import type { Tenant } from "../access/Tenant.js"
import type { StoreError } from "../errors/StoreError.js"
import type { Contact, Link, LinkId, Problem, ProblemId } from "./Liaison.js"

/**
 * @since 0.5.0
 * @category ports
 */
export interface LiaisonRepository {
  /** Inserts links or replaces those of the same id. */
  readonly putLinks: (links: ReadonlyArray<Link>) => Effect.Effect<void, StoreError>
  /** The links of the ids that exist, ordered by id. */
  readonly linksOf: (tenant: Tenant, ids: ReadonlyArray<LinkId>) => Effect.Effect<ReadonlyArray<Link>, StoreError>
  /** The links of the leaders, ordered by id. */
  readonly linksFor: (tenant: Tenant, leaders: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Link>, StoreError>
  /** Every link, ordered by id. */
  readonly links: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Link>, StoreError>
  /** Inserts contacts; a contact whose id exists fails. */
  readonly addContacts: (contacts: ReadonlyArray<Contact>) => Effect.Effect<void, StoreError>
  /** Whether contacts of the ids exist: those that do, ordered by id. */
  readonly contactsOf: (tenant: Tenant, ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Contact>, StoreError>
  /** The contacts under the links, ordered by link, day, id. */
  readonly contactsFor: (tenant: Tenant, links: ReadonlyArray<LinkId>) => Effect.Effect<ReadonlyArray<Contact>, StoreError>
  /** Every contact, ordered by link, day, id. */
  readonly contacts: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Contact>, StoreError>
  /** Inserts problems or replaces those of the same id. */
  readonly putProblems: (problems: ReadonlyArray<Problem>) => Effect.Effect<void, StoreError>
  /** The problems of the ids that exist, ordered by id. */
  readonly problemsOf: (tenant: Tenant, ids: ReadonlyArray<ProblemId>) => Effect.Effect<ReadonlyArray<Problem>, StoreError>
  /** Every problem, ordered by id. */
  readonly problems: (tenant: Tenant) => Effect.Effect<ReadonlyArray<Problem>, StoreError>
}
