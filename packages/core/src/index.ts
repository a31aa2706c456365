/**
 * @jiceng/core — models (effect Schema), pure rules, ports, application services and
 * the in-memory store of jiceng (基层). Every module is exported as a namespace:
 * `import { CitizenId, Grids, MemoryStore } from "@jiceng/core"`.
 *
 * @since 0.1.0
 */

/** @since 0.2.0 */
export * as AccessPolicy from "./access/AccessPolicy.js"
/** @since 0.1.0 */
export * as Actor from "./access/Actor.js"
/** @since 0.1.0 */
export * as Permission from "./access/Permission.js"
/** @since 0.1.0 */
export * as Tenant from "./access/Tenant.js"

/** @since 0.1.0 */
export * as Client from "./client/Client.js"

/** @since 0.1.0 */
export * as AuditEntry from "./audit/AuditEntry.js"
/** @since 0.1.0 */
export * as AuditLog from "./audit/AuditLog.js"

/** @since 0.1.0 */
export * as Decode from "./errors/Decode.js"
/** @since 0.1.0 */
export * as Forbidden from "./errors/Forbidden.js"
/** @since 0.1.0 */
export * as NotFound from "./errors/NotFound.js"
/** @since 0.1.0 */
export * as RuleViolation from "./errors/RuleViolation.js"
/** @since 0.1.0 */
export * as StoreError from "./errors/StoreError.js"
/** @since 0.1.0 */
export * as ValidationError from "./errors/ValidationError.js"

/** @since 0.1.0 */
export * as Changes from "./grid/Changes.js"
/** @since 0.1.0 */
export * as Grid from "./grid/Grid.js"
/** @since 0.1.0 */
export * as GridCommand from "./grid/GridCommand.js"
/** @since 0.1.0 */
export * as GridConfig from "./grid/GridConfig.js"
/** @since 0.1.0 */
export * as GridInvariants from "./grid/GridInvariants.js"
/** @since 0.2.0 */
export * as GridPermission from "./grid/GridPermission.js"
/** @since 0.1.0 */
export * as GridRepository from "./grid/GridRepository.js"
/** @since 0.1.0 */
export * as GridRules from "./grid/GridRules.js"
/** @since 0.2.0 */
export * as GridStore from "./grid/GridStore.js"
/** @since 0.1.0 */
export * as Grids from "./grid/Grids.js"
/** @since 0.1.0 */
export * as LevelScheme from "./grid/LevelScheme.js"
/** @since 0.1.0 */
export * as Place from "./grid/Place.js"
/** @since 0.1.0 */
export * as PlaceRepository from "./grid/PlaceRepository.js"
/** @since 0.1.0 */
export * as ResponsibilityAlert from "./grid/ResponsibilityAlert.js"
/** @since 0.1.0 */
export * as ResponsibilityCheck from "./grid/ResponsibilityCheck.js"
/** @since 0.1.0 */
export * as Worker from "./grid/Worker.js"
/** @since 0.1.0 */
export * as WorkerCategory from "./grid/WorkerCategory.js"
/** @since 0.1.0 */
export * as WorkerRepository from "./grid/WorkerRepository.js"
/** @since 0.1.0 */
export * as WorkerRules from "./grid/WorkerRules.js"

/** @since 0.2.0 */
export * as Compliance from "./organisation/Compliance.js"
/** @since 0.2.0 */
export * as Meeting from "./organisation/Meeting.js"
/** @since 0.2.0 */
export * as MeetingRepository from "./organisation/MeetingRepository.js"
/** @since 0.2.0 */
export * as Member from "./organisation/Member.js"
/** @since 0.2.0 */
export * as MemberRepository from "./organisation/MemberRepository.js"
/** @since 0.2.0 */
export * as Organisation from "./organisation/Organisation.js"
/** @since 0.2.0 */
export * as OrganisationAlert from "./organisation/OrganisationAlert.js"
/** @since 0.2.0 */
export * as OrganisationChanges from "./organisation/OrganisationChanges.js"
/** @since 0.2.0 */
export * as OrganisationCheck from "./organisation/OrganisationCheck.js"
/** @since 0.2.0 */
export * as OrganisationCommand from "./organisation/OrganisationCommand.js"
/** @since 0.2.0 */
export * as OrganisationConfig from "./organisation/OrganisationConfig.js"
/** @since 0.2.0 */
export * as OrganisationInvariants from "./organisation/OrganisationInvariants.js"
/** @since 0.2.0 */
export * as OrganisationPermission from "./organisation/OrganisationPermission.js"
/** @since 0.2.0 */
export * as OrganisationRepository from "./organisation/OrganisationRepository.js"
/** @since 0.2.0 */
export * as OrganisationRules from "./organisation/OrganisationRules.js"
/** @since 0.2.0 */
export * as OrganisationStore from "./organisation/OrganisationStore.js"
/** @since 0.2.0 */
export * as Organisations from "./organisation/Organisations.js"
/** @since 0.2.0 */
export * as Vote from "./organisation/Vote.js"

/** @since 0.3.0 */
export * as Agreement from "./coconstruction/Agreement.js"
/** @since 0.3.0 */
export * as AgreementRepository from "./coconstruction/AgreementRepository.js"
/** @since 0.3.0 */
export * as CoConstructionChanges from "./coconstruction/CoConstructionChanges.js"
/** @since 0.3.0 */
export * as CoConstructionCommand from "./coconstruction/CoConstructionCommand.js"
/** @since 0.3.0 */
export * as CoConstructionConfig from "./coconstruction/CoConstructionConfig.js"
/** @since 0.3.0 */
export * as CoConstructionInvariants from "./coconstruction/CoConstructionInvariants.js"
/** @since 0.3.0 */
export * as CoConstructionPermission from "./coconstruction/CoConstructionPermission.js"
/** @since 0.3.0 */
export * as CoConstructionRules from "./coconstruction/CoConstructionRules.js"
/** @since 0.3.0 */
export * as CoConstructions from "./coconstruction/CoConstructions.js"
/** @since 0.3.0 */
export * as CoConstructionStore from "./coconstruction/CoConstructionStore.js"
/** @since 0.3.0 */
export * as Enrolment from "./coconstruction/Enrolment.js"
/** @since 0.3.0 */
export * as EnrolmentRepository from "./coconstruction/EnrolmentRepository.js"
/** @since 0.3.0 */
export * as JointMeeting from "./coconstruction/JointMeeting.js"
/** @since 0.3.0 */
export * as JointMeetingRepository from "./coconstruction/JointMeetingRepository.js"
/** @since 0.3.0 */
export * as Matching from "./coconstruction/Matching.js"
/** @since 0.3.0 */
export * as Need from "./coconstruction/Need.js"
/** @since 0.3.0 */
export * as Project from "./coconstruction/Project.js"
/** @since 0.3.0 */
export * as Resource from "./coconstruction/Resource.js"
/** @since 0.3.0 */
export * as Volunteering from "./coconstruction/Volunteering.js"
/** @since 0.3.0 */
export * as VolunteerRepository from "./coconstruction/VolunteerRepository.js"

/** @since 0.4.0 */
export * as WorkingCalendar from "./ledger/WorkingCalendar.js"

/** @since 0.5.0 */
export * as CommunityWorker from "./development/CommunityWorker.js"
/** @since 0.5.0 */
export * as CommunityWorkerLadder from "./development/CommunityWorkerLadder.js"
/** @since 0.5.0 */
export * as Development from "./development/Development.js"
/** @since 0.5.0 */
export * as DevelopmentChanges from "./development/DevelopmentChanges.js"
/** @since 0.5.0 */
export * as DevelopmentCommand from "./development/DevelopmentCommand.js"
/** @since 0.5.0 */
export * as DevelopmentConfig from "./development/DevelopmentConfig.js"
/** @since 0.5.0 */
export * as DevelopmentPermission from "./development/DevelopmentPermission.js"
/** @since 0.5.0 */
export * as DevelopmentRules from "./development/DevelopmentRules.js"
/** @since 0.5.0 */
export * as DevelopmentService from "./development/DevelopmentService.js"
/** @since 0.5.0 */
export * as DevelopmentStore from "./development/DevelopmentStore.js"
/** @since 0.5.0 */
export * as PartyLadder from "./development/PartyLadder.js"
/** @since 0.5.0 */
export * as Pathway from "./development/Pathway.js"
/** @since 0.5.0 */
export * as Qualification from "./development/Qualification.js"
/** @since 0.5.0 */
export * as Recognition from "./development/Recognition.js"
/** @since 0.5.0 */
export * as RecognitionRepository from "./development/RecognitionRepository.js"
/** @since 0.5.0 */
export * as TalentChain from "./development/TalentChain.js"
/** @since 0.5.0 */
export * as TrackRepository from "./development/TrackRepository.js"
/** @since 0.5.0 */
export * as WorkforceRepository from "./development/WorkforceRepository.js"

/** @since 0.5.0 */
export * as Activation from "./emergency/Activation.js"
/** @since 0.5.0 */
export * as ActivationRepository from "./emergency/ActivationRepository.js"
/** @since 0.5.0 */
export * as Emergency from "./emergency/Emergency.js"
/** @since 0.5.0 */
export * as EmergencyChanges from "./emergency/EmergencyChanges.js"
/** @since 0.5.0 */
export * as EmergencyCommand from "./emergency/EmergencyCommand.js"
/** @since 0.5.0 */
export * as EmergencyConfig from "./emergency/EmergencyConfig.js"
/** @since 0.5.0 */
export * as EmergencyInvariants from "./emergency/EmergencyInvariants.js"
/** @since 0.5.0 */
export * as EmergencyPermission from "./emergency/EmergencyPermission.js"
/** @since 0.5.0 */
export * as EmergencyRules from "./emergency/EmergencyRules.js"
/** @since 0.5.0 */
export * as EmergencyService from "./emergency/EmergencyService.js"
/** @since 0.5.0 */
export * as EmergencyStore from "./emergency/EmergencyStore.js"
/** @since 0.5.0 */
export * as VanguardRepository from "./emergency/VanguardRepository.js"

/** @since 0.5.0 */
export * as Coverage from "./demand/Coverage.js"
/** @since 0.5.0 */
export * as Demand from "./demand/Demand.js"
/** @since 0.5.0 */
export * as DemandChanges from "./demand/DemandChanges.js"
/** @since 0.5.0 */
export * as DemandCommand from "./demand/DemandCommand.js"
/** @since 0.5.0 */
export * as DemandConfig from "./demand/DemandConfig.js"
/** @since 0.5.0 */
export * as DemandPermission from "./demand/DemandPermission.js"
/** @since 0.5.0 */
export * as DemandRepository from "./demand/DemandRepository.js"
/** @since 0.5.0 */
export * as DemandRules from "./demand/DemandRules.js"
/** @since 0.5.0 */
export * as Demands from "./demand/Demands.js"
/** @since 0.5.0 */
export * as DemandsService from "./demand/DemandsService.js"
/** @since 0.5.0 */
export * as DemandState from "./demand/DemandState.js"
/** @since 0.5.0 */
export * as DemandStats from "./demand/DemandStats.js"
/** @since 0.5.0 */
export * as DemandStore from "./demand/DemandStore.js"
/** @since 0.5.0 */
export * as Escalation from "./demand/Escalation.js"
/** @since 0.5.0 */
export * as FreeText from "./demand/FreeText.js"
/** @since 0.5.0 */
export * as Open311 from "./demand/Open311.js"
/** @since 0.5.0 */
export * as Visit from "./demand/Visit.js"
/** @since 0.5.0 */
export * as VisitRepository from "./demand/VisitRepository.js"

/** @since 0.5.0 */
export * as GroupRepository from "./outreach/GroupRepository.js"
/** @since 0.5.0 */
export * as Liaison from "./outreach/Liaison.js"
/** @since 0.5.0 */
export * as LiaisonCompliance from "./outreach/LiaisonCompliance.js"
/** @since 0.5.0 */
export * as LiaisonRepository from "./outreach/LiaisonRepository.js"
/** @since 0.5.0 */
export * as MatterRepository from "./outreach/MatterRepository.js"
/** @since 0.5.0 */
export * as NewEmployment from "./outreach/NewEmployment.js"
/** @since 0.5.0 */
export * as Outreach from "./outreach/Outreach.js"
/** @since 0.5.0 */
export * as OutreachChanges from "./outreach/OutreachChanges.js"
/** @since 0.5.0 */
export * as OutreachCommand from "./outreach/OutreachCommand.js"
/** @since 0.5.0 */
export * as OutreachConfig from "./outreach/OutreachConfig.js"
/** @since 0.5.0 */
export * as OutreachPermission from "./outreach/OutreachPermission.js"
/** @since 0.5.0 */
export * as OutreachRules from "./outreach/OutreachRules.js"
/** @since 0.5.0 */
export * as OutreachService from "./outreach/OutreachService.js"
/** @since 0.5.0 */
export * as OutreachStore from "./outreach/OutreachStore.js"
/** @since 0.5.0 */
export * as PracticalMatter from "./outreach/PracticalMatter.js"
/** @since 0.5.0 */
export * as Station from "./outreach/Station.js"
/** @since 0.5.0 */
export * as StationRepository from "./outreach/StationRepository.js"

/** @since 0.1.0 */
export * as CitizenId from "./identifiers/CitizenId.js"
/** @since 0.1.0 */
export * as CreditCode from "./identifiers/CreditCode.js"
/** @since 0.1.0 */
export * as Masking from "./identifiers/Masking.js"
/** @since 0.1.0 */
export * as Phone from "./identifiers/Phone.js"
/** @since 0.1.0 */
export * as RegionCode from "./identifiers/RegionCode.js"

/** @since 0.2.0 */
export * as ImportLog from "./imports/ImportLog.js"
/** @since 0.2.0 */
export * as Imports from "./imports/Imports.js"

/** @since 0.2.0 */
export * as MemoryAuditLog from "./store/MemoryAuditLog.js"
/** @since 0.3.0 */
export * as MemoryCoConstructionStore from "./store/MemoryCoConstructionStore.js"
/** @since 0.5.0 */
export * as MemoryDemandStore from "./store/MemoryDemandStore.js"
/** @since 0.5.0 */
export * as MemoryDevelopmentStore from "./store/MemoryDevelopmentStore.js"
/** @since 0.5.0 */
export * as MemoryEmergencyStore from "./store/MemoryEmergencyStore.js"
export * as MemoryOutreachStore from "./store/MemoryOutreachStore.js"
/** @since 0.2.0 */
export * as MemoryGridStore from "./store/MemoryGridStore.js"
/** @since 0.4.0 */
export * as MemoryIdempotencyStore from "./store/MemoryIdempotencyStore.js"
/** @since 0.2.0 */
export * as MemoryImportLog from "./store/MemoryImportLog.js"
/** @since 0.4.0 */
export * as MemoryLedgerStore from "./store/MemoryLedgerStore.js"
/** @since 0.2.0 */
export * as MemoryOrganisationStore from "./store/MemoryOrganisationStore.js"
/** @since 0.1.0 */
export * as MemoryStore from "./store/MemoryStore.js"
/** @since 0.2.0 */
export * as MemoryTransactor from "./store/MemoryTransactor.js"
/** @since 0.1.0 */
export * as Store from "./store/Store.js"
/** @since 0.2.0 */
export * as Transactor from "./store/Transactor.js"

/** @since 0.2.0 */
export * as Text from "./text/Text.js"

/** @since 0.1.0 */
export * as IsoDate from "./time/IsoDate.js"

/** @since 0.4.0 */
export * as Certificate from "./ledger/Certificate.js"
/** @since 0.4.0 */
export * as CertificateRepository from "./ledger/CertificateRepository.js"
/** @since 0.4.0 */
export * as EntryRepository from "./ledger/EntryRepository.js"
/** @since 0.4.0 */
export * as HashChain from "./ledger/HashChain.js"
/** @since 0.4.0 */
export * as LedgerChanges from "./ledger/LedgerChanges.js"
/** @since 0.4.0 */
export * as LedgerCommand from "./ledger/LedgerCommand.js"
/** @since 0.4.0 */
export * as LedgerConfig from "./ledger/LedgerConfig.js"
/** @since 0.4.0 */
export * as LedgerEntry from "./ledger/LedgerEntry.js"
/** @since 0.4.0 */
export * as LedgerPermission from "./ledger/LedgerPermission.js"
/** @since 0.4.0 */
export * as LedgerStore from "./ledger/LedgerStore.js"
/** @since 0.4.0 */
export * as LedgerVolunteer from "./ledger/LedgerVolunteer.js"
/** @since 0.4.0 */
export * as PointMovement from "./ledger/PointMovement.js"
/** @since 0.4.0 */
export * as PointsRepository from "./ledger/PointsRepository.js"
/** @since 0.4.0 */
export * as RegistryRepository from "./ledger/RegistryRepository.js"
/** @since 0.4.0 */
export * as Rollup from "./ledger/Rollup.js"
/** @since 0.4.0 */
export * as ServiceActivity from "./ledger/ServiceActivity.js"
/** @since 0.4.0 */
export * as VolunteerLedgerService from "./ledger/VolunteerLedgerService.js"
/** @since 0.4.0 */
export * as IdempotencyConflict from "./errors/IdempotencyConflict.js"
/** @since 0.4.0 */
export * as Idempotency from "./idempotency/Idempotency.js"
/** @since 0.4.0 */
export * as IdempotencyStore from "./idempotency/IdempotencyStore.js"
/** @since 0.4.0 */
export * as LocalMinute from "./time/LocalMinute.js"
/** @since 0.4.0 */
export * as LedgerRules from "./ledger/LedgerRules.js"
/** @since 0.4.0 */
export * as Points from "./ledger/Points.js"
/** @since 0.4.0 */
export * as VolunteerLedger from "./ledger/VolunteerLedger.js"

/**
 * A notification as the outbox holds it and a back end delivers it.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Notification from "./notify/Notification.js"

/**
 * A notification back end's contract: `deliver`, `DeliveryError`, `NotifierConfigError`.
 *
 * @since 0.6.0
 * @category modules
 */
export * as NotifierBackend from "./notify/NotifierBackend.js"

/**
 * The outbox port: notifications waiting for delivery, one entry per back end, claimed under leases.
 *
 * @since 0.6.0
 * @category modules
 */
export * as OutboxStore from "./notify/OutboxStore.js"

/**
 * The memory store's outbox.
 *
 * @since 0.6.0
 * @category modules
 */
export * as MemoryOutboxStore from "./store/MemoryOutboxStore.js"

/**
 * Exponential backoff with a limit, and when an entry is dead.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Backoff from "./notify/Backoff.js"

/**
 * The dispatcher: delivers the outbox through the back ends, at least once.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Dispatcher from "./notify/Dispatcher.js"

/**
 * Raising notifications in a write transaction, and the notification settings.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Notify from "./notify/Notify.js"

/**
 * The recipient directory: routes from parties, grids, organisations and kinds to the
 * addresses back ends deliver to.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Directory from "./notify/Directory.js"

/**
 * Reminders: the sweep raising the notifications of a day's facts — demands overdue,
 * agreements expiring, probation ending and conversion due, 三会一课 meetings missing,
 * 定格定人定岗定责 alerts — once each, and a periodic runner.
 *
 * @since 0.6.0
 * @category modules
 */
export * as Reminders from "./notify/Reminders.js"

/**
 * A console back end for development.
 *
 * @since 0.6.0
 * @category modules
 */
export * as ConsoleBackend from "./notify/ConsoleBackend.js"

/**
 * Report models: sections of key figures, tables and charts, with their period, scope,
 * rounding and masking, for the report back ends to render.
 *
 * @since 0.7.0
 * @category modules
 */
export * as Report from "./report/Report.js"

/**
 * The report back-end contract: a report model in, a stream of bytes out.
 *
 * @since 0.7.0
 * @category modules
 */
export * as ReportBackend from "./report/ReportBackend.js"

/**
 * The district summary: one report model per subtree and period with a section for each
 * area of the source article the deployment runs (grids, party organisations, 双报到 and
 * co-construction, volunteer service, community workers, new sectors, new-employment
 * groups, demands).
 *
 * @since 0.7.0
 * @category modules
 */
export * as DistrictSummary from "./report/DistrictSummary.js"

/**
 * 三会一课 compliance of a subtree's party organisations for a period, as a report model.
 *
 * @since 0.7.0
 * @category modules
 */
export * as ComplianceReport from "./report/ComplianceReport.js"

/**
 * Demand resolution of a subtree for a period, per child grid, with the overdue list,
 * as a report model.
 *
 * @since 0.7.0
 * @category modules
 */
export * as DemandResolutionReport from "./report/DemandResolutionReport.js"

/**
 * The development pipelines (the party ladder's, the community worker ladder's) of a
 * subtree on a day as funnels and tables, as a report model.
 *
 * @since 0.7.0
 * @category modules
 */
export * as DevelopmentPipelineReport from "./report/DevelopmentPipelineReport.js"

/**
 * Co-construction agreements and projects with their progress, and the needs and
 * resources lists, of a subtree on a day, as a report model.
 *
 * @since 0.7.0
 * @category modules
 */
export * as CoConstructionProjectsReport from "./report/CoConstructionProjectsReport.js"

/**
 * The grid roster (网格名册): the grids of a subtree on a day with their responsible
 * worker and places, as a report model (no personal data).
 *
 * @since 0.7.0
 * @category modules
 */
export * as GridRoster from "./report/GridRoster.js"

/**
 * The grid worker roster (网格员名册) as a report model: phones and ID numbers masked
 * unless the actor holds `pii:read` (then the read is audited once).
 *
 * @since 0.7.0
 * @category modules
 */
export * as WorkerRoster from "./report/WorkerRoster.js"

/**
 * The household roster (住户名册) of a subtree as a report model, read in one store query:
 * names and addresses masked unless the actor holds `pii:read` (then audited once).
 *
 * @since 0.7.0
 * @category modules
 */
export * as HouseholdRoster from "./report/HouseholdRoster.js"

/**
 * The volunteer service ledger (志愿服务台账) of a period and subtree as a report model:
 * per volunteer, totals and the period's figures; personal data masked unless permitted.
 *
 * @since 0.7.0
 * @category modules
 */
export * as VolunteerLedgerReport from "./report/VolunteerLedgerReport.js"

/**
 * A volunteer service certificate (志愿服务记录证明) as a report model: service time,
 * content, recording units and the verification code (第十四–十七条).
 *
 * @since 0.7.0
 * @category modules
 */
export * as CertificateReport from "./report/CertificateReport.js"
