/**
 * What an outreach command wrote. Contacts, batches, uses and group members are new
 * rows; links, problems, matters, stations and groups are written whole, each replacing
 * the row of its id (an ended link, a resolved problem, a matter moved on).
 *
 * @since 0.5.0
 */
import type { Contact, Link, Problem } from "./Liaison.js"
import type { Group, GroupMember } from "./NewEmployment.js"
import type { Batch, Matter } from "./PracticalMatter.js"
import type { Station, Use } from "./Station.js"

/**
 * @since 0.5.0
 * @category models
 */
export interface OutreachChanges {
  readonly links: ReadonlyArray<Link>
  readonly contacts: ReadonlyArray<Contact>
  readonly problems: ReadonlyArray<Problem>
  readonly batches: ReadonlyArray<Batch>
  readonly matters: ReadonlyArray<Matter>
  readonly stations: ReadonlyArray<Station>
  readonly uses: ReadonlyArray<Use>
  readonly groups: ReadonlyArray<Group>
  readonly members: ReadonlyArray<GroupMember>
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const empty: OutreachChanges = {
  links: [],
  contacts: [],
  problems: [],
  batches: [],
  matters: [],
  stations: [],
  uses: [],
  groups: [],
  members: []
}

/**
 * @since 0.5.0
 * @category constructors
 */
export const make = (changes: Partial<OutreachChanges>): OutreachChanges => ({ ...empty, ...changes })
