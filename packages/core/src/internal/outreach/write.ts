/**
 * Writes what an outreach rule returned: contacts, batches, uses and group members are
 * inserted; links, problems, matters, stations and groups replace the row of their id.
 * A problem raised or resolved raises its notification (`notices.ts`) in the same
 * transaction.
 *
 * @internal
 */
import type { Raiser } from "../../notify/Notify.js"
import type { OutreachChanges } from "../../outreach/OutreachChanges.js"
import type { OutreachStoreShape } from "../../outreach/OutreachStore.js"
import * as Notices from "./notices.js"

/** The writes as a generator of store calls, for the Effect runtime or the batch path's driver. */
export const writeSteps = function*(store: OutreachStoreShape, changes: OutreachChanges, raise: Raiser) {
  const { groups, liaison, matters, stations } = store
  if (changes.links.length > 0) yield* liaison.putLinks(changes.links)
  if (changes.contacts.length > 0) yield* liaison.addContacts(changes.contacts)
  if (changes.problems.length > 0) {
    yield* liaison.putProblems(changes.problems)
    if (raise.active) {
      const links = yield* liaison.linksOf(changes.problems[0]!.tenant, Array.from(new Set(changes.problems.map((p) => p.linkId))))
      yield* raise((lang) => Notices.problems(changes.problems, links, lang))
    }
  }
  if (changes.batches.length > 0) yield* matters.addBatches(changes.batches)
  if (changes.matters.length > 0) yield* matters.putMatters(changes.matters)
  if (changes.stations.length > 0) yield* stations.putStations(changes.stations)
  if (changes.uses.length > 0) yield* stations.addUses(changes.uses)
  if (changes.groups.length > 0) yield* groups.putGroups(changes.groups)
  if (changes.members.length > 0) yield* groups.addMembers(changes.members)
}
